#ifndef BULKHEAD_XML_H
#define BULKHEAD_XML_H

#include <stddef.h>

/* A narrow C interface over libxml2. Its headers pull in the system ICU, which clashes with
   the ICU that Foundation bundles, so Swift never sees them: only these functions. */

typedef struct bh_xml_writer bh_xml_writer;

bh_xml_writer *bh_xml_writer_new(void);
void bh_xml_writer_free(bh_xml_writer *writer);
int bh_xml_start(bh_xml_writer *writer, const char *name);
int bh_xml_attribute(bh_xml_writer *writer, const char *name, const char *value);
int bh_xml_text(bh_xml_writer *writer, const char *text);
int bh_xml_end(bh_xml_writer *writer);
/* Ends the document. On success *out points into the writer's buffer (valid until free). */
int bh_xml_finish(bh_xml_writer *writer, const char **out, size_t *length);

/* Validates a document against an XML Schema file. Returns 0 when valid, 1 when invalid,
   -1 when the schema or the document cannot be parsed; messages go to errors. */
int bh_xml_validate(const char *schema_path, const char *document, size_t length, char *errors, size_t errors_size);

/* Parses a document; returns 0 when well-formed. */
int bh_xml_well_formed(const char *document, size_t length);

#endif

#include "bulkhead_xml.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bh_xml_writer {
    xmlBufferPtr buffer;
    xmlTextWriterPtr writer;
};

bh_xml_writer *bh_xml_writer_new(void) {
    bh_xml_writer *w = calloc(1, sizeof(*w));
    if (!w) return NULL;
    w->buffer = xmlBufferCreate();
    w->writer = w->buffer ? xmlNewTextWriterMemory(w->buffer, 0) : NULL;
    if (!w->writer) {
        if (w->buffer) xmlBufferFree(w->buffer);
        free(w);
        return NULL;
    }
    xmlTextWriterSetIndent(w->writer, 1);
    xmlTextWriterSetIndentString(w->writer, BAD_CAST "  ");
    if (xmlTextWriterStartDocument(w->writer, "1.0", "UTF-8", NULL) < 0) {
        bh_xml_writer_free(w);
        return NULL;
    }
    return w;
}

void bh_xml_writer_free(bh_xml_writer *w) {
    if (!w) return;
    if (w->writer) xmlFreeTextWriter(w->writer);
    if (w->buffer) xmlBufferFree(w->buffer);
    free(w);
}

int bh_xml_start(bh_xml_writer *w, const char *name) { return xmlTextWriterStartElement(w->writer, BAD_CAST name); }

int bh_xml_attribute(bh_xml_writer *w, const char *name, const char *value) {
    return xmlTextWriterWriteAttribute(w->writer, BAD_CAST name, BAD_CAST value);
}

int bh_xml_text(bh_xml_writer *w, const char *text) { return xmlTextWriterWriteString(w->writer, BAD_CAST text); }

int bh_xml_end(bh_xml_writer *w) { return xmlTextWriterEndElement(w->writer); }

int bh_xml_finish(bh_xml_writer *w, const char **out, size_t *length) {
    if (xmlTextWriterEndDocument(w->writer) < 0) return -1;
    if (xmlTextWriterFlush(w->writer) < 0) return -1;
    *out = (const char *)xmlBufferContent(w->buffer);
    *length = (size_t)xmlBufferLength(w->buffer);
    return 0;
}

struct error_sink {
    char *buffer;
    size_t size;
    size_t used;
};

static void collect(void *ctx, const char *format, ...) {
    struct error_sink *sink = ctx;
    if (!sink || !sink->buffer || sink->used + 1 >= sink->size) return;
    va_list args;
    va_start(args, format);
    int n = vsnprintf(sink->buffer + sink->used, sink->size - sink->used, format, args);
    va_end(args);
    if (n > 0) sink->used += (size_t)n < sink->size - sink->used ? (size_t)n : sink->size - sink->used - 1;
}

static void collect_structured(void *ctx, xmlErrorPtr error) {
    if (error && error->message) collect(ctx, "line %d: %s", error->line, error->message);
}

int bh_xml_validate(const char *schema_path, const char *document, size_t length, char *errors, size_t errors_size) {
    struct error_sink sink = {errors, errors_size, 0};
    if (errors && errors_size) errors[0] = 0;
    int result = -1;
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(schema_path);
    xmlSchemaPtr schema = NULL;
    xmlSchemaValidCtxtPtr valid = NULL;
    xmlDocPtr doc = NULL;
    if (!parser) goto done;
    xmlSchemaSetParserStructuredErrors(parser, collect_structured, &sink);
    schema = xmlSchemaParse(parser);
    if (!schema) goto done;
    doc = xmlReadMemory(document, (int)length, "report.xml", NULL, XML_PARSE_NONET);
    if (!doc) goto done;
    valid = xmlSchemaNewValidCtxt(schema);
    if (!valid) goto done;
    xmlSchemaSetValidStructuredErrors(valid, collect_structured, &sink);
    result = xmlSchemaValidateDoc(valid, doc) == 0 ? 0 : 1;
done:
    if (valid) xmlSchemaFreeValidCtxt(valid);
    if (doc) xmlFreeDoc(doc);
    if (schema) xmlSchemaFree(schema);
    if (parser) xmlSchemaFreeParserCtxt(parser);
    return result;
}

int bh_xml_well_formed(const char *document, size_t length) {
    xmlDocPtr doc = xmlReadMemory(document, (int)length, "report.xml", NULL, XML_PARSE_NONET);
    if (!doc) return -1;
    xmlFreeDoc(doc);
    return 0;
}

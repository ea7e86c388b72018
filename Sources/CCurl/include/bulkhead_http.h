#ifndef BULKHEAD_HTTP_H
#define BULKHEAD_HTTP_H

#include <stddef.h>

/* A narrow, typed interface over libcurl's easy API: curl_easy_setopt is variadic and
   Swift cannot call it. One request per call; each call uses its own handle, so calls may
   run on several threads at once. */

typedef struct {
    const char *url;
    const char *const *headers; /* "Name: value" */
    size_t header_count;
    const char *ca_pem; size_t ca_len;         /* trust only this CA when set */
    const char *cert_pem; size_t cert_len;     /* client certificate */
    const char *key_pem; size_t key_len;       /* client key */
    int insecure_skip_verify;
    const char *connect_to;  /* CURLOPT_CONNECT_TO entry, for tls-server-name */
    const char *proxy;       /* explicit proxy URL; NULL: libcurl reads HTTPS_PROXY / NO_PROXY */
    long connect_timeout_ms;
    long timeout_ms;
    long low_speed_seconds;  /* abort when below 1 byte/s for this long (0: off) */
} bh_http_request;

typedef struct {
    long status;
    char *body; size_t body_len;
    char *retry_after;        /* Retry-After header, if any */
    int curl_code;            /* 0 on transport success */
    char error[256];
    long http_version;        /* 2 when HTTP/2 was used */
} bh_http_response;

int bh_http_global_init(void);
int bh_http_get(const bh_http_request *request, bh_http_response *response);
void bh_http_response_free(bh_http_response *response);

#endif

#include "bulkhead_http.h"

#include <curl/curl.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int bh_http_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1; }

static size_t on_body(char *data, size_t size, size_t count, void *user) {
    bh_http_response *r = user;
    size_t n = size * count;
    char *grown = realloc(r->body, r->body_len + n + 1);
    if (!grown) return 0;
    r->body = grown;
    memcpy(r->body + r->body_len, data, n);
    r->body_len += n;
    r->body[r->body_len] = 0;
    return n;
}

static size_t on_header(char *data, size_t size, size_t count, void *user) {
    bh_http_response *r = user;
    size_t n = size * count;
    const char *name = "retry-after:";
    size_t len = strlen(name);
    if (n > len && strncasecmp(data, name, len) == 0) {
        const char *v = data + len;
        size_t vlen = n - len;
        while (vlen && isspace((unsigned char)*v)) { v++; vlen--; }
        while (vlen && isspace((unsigned char)v[vlen - 1])) vlen--;
        free(r->retry_after);
        r->retry_after = malloc(vlen + 1);
        if (r->retry_after) { memcpy(r->retry_after, v, vlen); r->retry_after[vlen] = 0; }
    }
    return n;
}

int bh_http_get(const bh_http_request *q, bh_http_response *r) {
    memset(r, 0, sizeof(*r));
    CURL *curl = curl_easy_init();
    if (!curl) { r->curl_code = -1; strcpy(r->error, "cannot create a curl handle"); return -1; }
    char errbuf[CURL_ERROR_SIZE] = {0};
    struct curl_slist *headers = NULL, *connect_to = NULL;
    for (size_t i = 0; i < q->header_count; i++) headers = curl_slist_append(headers, q->headers[i]);

    curl_easy_setopt(curl, CURLOPT_URL, q->url);
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https,http");
    if (q->connect_timeout_ms > 0) curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, q->connect_timeout_ms);
    if (q->timeout_ms > 0) curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, q->timeout_ms);
    if (q->low_speed_seconds > 0) {
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, q->low_speed_seconds);
    }
    if (q->ca_pem && q->ca_len) {
        struct curl_blob blob = {(void *)q->ca_pem, q->ca_len, CURL_BLOB_COPY};
        curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
    }
    if (q->cert_pem && q->cert_len) {
        struct curl_blob blob = {(void *)q->cert_pem, q->cert_len, CURL_BLOB_COPY};
        curl_easy_setopt(curl, CURLOPT_SSLCERT_BLOB, &blob);
        curl_easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM");
    }
    if (q->key_pem && q->key_len) {
        struct curl_blob blob = {(void *)q->key_pem, q->key_len, CURL_BLOB_COPY};
        curl_easy_setopt(curl, CURLOPT_SSLKEY_BLOB, &blob);
        curl_easy_setopt(curl, CURLOPT_SSLKEYTYPE, "PEM");
    }
    if (q->insecure_skip_verify) {
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    } else {
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    }
    if (q->connect_to) {
        connect_to = curl_slist_append(NULL, q->connect_to);
        curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to);
    }
    if (q->proxy) curl_easy_setopt(curl, CURLOPT_PROXY, q->proxy);

    CURLcode rc = curl_easy_perform(curl);
    r->curl_code = (int)rc;
    if (rc == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status);
        long version = 0;
        curl_easy_getinfo(curl, CURLINFO_HTTP_VERSION, &version);
        r->http_version = version == CURL_HTTP_VERSION_2_0 ? 2 : 1;
    } else {
        const char *msg = errbuf[0] ? errbuf : curl_easy_strerror(rc);
        strncpy(r->error, msg, sizeof(r->error) - 1);
    }
    curl_slist_free_all(headers);
    curl_slist_free_all(connect_to);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

void bh_http_response_free(bh_http_response *r) {
    free(r->body);
    free(r->retry_after);
    r->body = NULL;
    r->retry_after = NULL;
}

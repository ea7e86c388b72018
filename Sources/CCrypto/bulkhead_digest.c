#include "bulkhead_digest.h"

#include <openssl/evp.h>

struct bh_sha256_ctx { EVP_MD_CTX *md; };

bh_sha256_ctx *bh_sha256_new(void) {
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    if (!md) return NULL;
    if (EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) { EVP_MD_CTX_free(md); return NULL; }
    bh_sha256_ctx *ctx = OPENSSL_malloc(sizeof *ctx);
    if (!ctx) { EVP_MD_CTX_free(md); return NULL; }
    ctx->md = md;
    return ctx;
}

int bh_sha256_update(bh_sha256_ctx *ctx, const void *bytes, size_t count) {
    if (count == 0) return 1;
    return EVP_DigestUpdate(ctx->md, bytes, count) == 1;
}

int bh_sha256_final(bh_sha256_ctx *ctx, unsigned char out[32]) {
    unsigned int len = 0;
    int ok = EVP_DigestFinal_ex(ctx->md, out, &len) == 1 && len == 32;
    bh_sha256_free(ctx);
    return ok;
}

void bh_sha256_free(bh_sha256_ctx *ctx) {
    if (!ctx) return;
    EVP_MD_CTX_free(ctx->md);
    OPENSSL_free(ctx);
}

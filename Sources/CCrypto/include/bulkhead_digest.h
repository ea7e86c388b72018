#ifndef BULKHEAD_DIGEST_H
#define BULKHEAD_DIGEST_H

#include <stddef.h>

/* SHA-256 of whole inputs and reports through libcrypto, which uses the CPU's SHA
   instructions; a narrow interface so Swift never sees OpenSSL's headers. */

typedef struct bh_sha256_ctx bh_sha256_ctx;

/* NULL when libcrypto cannot provide SHA-256 (then callers fall back to the portable one). */
bh_sha256_ctx *bh_sha256_new(void);
int bh_sha256_update(bh_sha256_ctx *ctx, const void *bytes, size_t count);
/* Writes 32 bytes to out and frees ctx; returns 1 on success. */
int bh_sha256_final(bh_sha256_ctx *ctx, unsigned char out[32]);
void bh_sha256_free(bh_sha256_ctx *ctx);

#endif

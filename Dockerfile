# Multi-stage: build with the Swift toolchain, run on a slim Debian as a non-root user.
# The binary needs libcurl, libcrypto and libxml2 at run time (the only shared libraries
# beyond glibc and the Swift runtime, which the static stdlib build embeds; libcurl4 brings
# libcrypto's libssl3).
FROM swift:6.0-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libcurl4-openssl-dev libssl-dev libxml2-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN swift build -c release --product bulkhead --static-swift-stdlib \
    && install -D .build/release/bulkhead /out/bulkhead

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libcurl4 libxml2 ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 65532 --user-group --no-create-home --shell /usr/sbin/nologin bulkhead
COPY --from=build /out/bulkhead /usr/local/bin/bulkhead
USER 65532:65532
WORKDIR /reports
ENTRYPOINT ["/usr/local/bin/bulkhead"]
CMD ["scan", "--in-cluster"]

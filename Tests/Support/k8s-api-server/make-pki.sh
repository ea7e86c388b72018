#!/bin/sh
# Certificates for the test API server, made in the directory given: a CA (ca.pem), a server
# certificate for 127.0.0.1, localhost and kubernetes.test (server.pem), a client
# certificate the server accepts (client.pem, CN bulkhead-test), and a second CA nobody
# uses (other-ca.pem). EC P-256, valid two days. Used by the live tests and `make bench`.
set -e
cd "$1"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1" 2>/dev/null; }
key ca-key.pem
openssl req -x509 -new -key ca-key.pem -out ca.pem -days 2 -subj "/CN=bulkhead-test-ca" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
key other-ca-key.pem
openssl req -x509 -new -key other-ca-key.pem -out other-ca.pem -days 2 -subj "/CN=unrelated-ca" \
  -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
key server-key.pem
openssl req -new -key server-key.pem -out server.csr -subj "/CN=kubernetes" 2>/dev/null
printf "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.test\nextendedKeyUsage=serverAuth\n" > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server.pem -days 2 -extfile server.ext 2>/dev/null
key client-key.pem
openssl req -new -key client-key.pem -out client.csr -subj "/CN=bulkhead-test" 2>/dev/null
printf "extendedKeyUsage=clientAuth\n" > client.ext
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out client.pem -days 2 -extfile client.ext 2>/dev/null

// Certificates for one run of the test API server: a CA made for this run, a server certificate
// for 127.0.0.1/localhost signed by it, and client certificates (CN = user, O = groups) for
// client-certificate auth. node:crypto makes keys but cannot build X.509 certificates, so the
// certificates are assembled with node-forge; the RSA keys come from node's native, asynchronous
// key generation (off the main thread, several at once).
import forge from 'node-forge';
import { generateKeyPair } from 'node:crypto';

const { pki, md } = forge;

function serial() {
  // Positive, 16 bytes: the first hex digit stays below 8.
  return '1' + forge.util.bytesToHex(forge.random.getBytesSync(15));
}

function newCert(keys, subject, issuer, days) {
  const cert = pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60_000);
  cert.validity.notAfter = new Date(now + days * 86_400_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  return cert;
}

function nativeKeyPair() {
  return new Promise((resolve, reject) =>
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      },
      (err, publicKey, privateKey) =>
        err
          ? reject(err)
          : resolve({
              publicKey: pki.publicKeyFromPem(publicKey),
              privateKey: pki.privateKeyFromPem(privateKey),
            }),
    ),
  );
}

let processKeys;

/**
 * Three RSA key pairs (CA, server, clients), made once per process and in parallel: a 2048-bit key
 * takes about a second on a busy machine. Every server still gets its own CA certificate.
 */
export function keyPairs() {
  processKeys ??= Promise.all([nativeKeyPair(), nativeKeyPair(), nativeKeyPair()]);
  return processKeys;
}

/** A CA for this run: { certPem, keyPem, cert, key }. */
export function makeCa(keys, name = 'istio-authoring-test-ca') {
  const subject = [{ name: 'commonName', value: name }];
  const cert = newCert(keys, subject, subject, 3650);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, md.sha256.create());
  return {
    cert,
    key: keys.privateKey,
    certPem: pki.certificateToPem(cert),
    keyPem: pki.privateKeyToPem(keys.privateKey),
  };
}

function issue(ca, keys, subject, extensions) {
  const cert = newCert(keys, subject, ca.cert.subject.attributes, 365);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
    ...extensions,
  ]);
  cert.sign(ca.key, md.sha256.create());
  return { certPem: pki.certificateToPem(cert), keyPem: pki.privateKeyToPem(keys.privateKey) };
}

/** The serving certificate: SANs IP 127.0.0.1, IP ::1 and DNS localhost. */
export function makeServerCert(ca, keys) {
  return issue(
    ca,
    keys,
    [{ name: 'commonName', value: 'kube-apiserver' }],
    [
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  );
}

/** A client certificate as Kubernetes reads it: CN is the user name, each O a group. */
export function makeClientCert(ca, keys, user, groups = []) {
  const subject = [
    { name: 'commonName', value: user },
    ...groups.map((g) => ({ name: 'organizationName', value: g })),
  ];
  return issue(ca, keys, subject, [{ name: 'extKeyUsage', clientAuth: true }]);
}

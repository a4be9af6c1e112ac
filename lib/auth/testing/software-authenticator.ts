// A WebAuthn authenticator in software, for integration tests: ES256 keys from node:crypto,
// "none" attestation in CBOR (the encoder @simplewebauthn/server itself uses), and a signature
// counter that moves on every assertion, as a hardware key's does. It answers the options the
// server hands out with the JSON @simplewebauthn/browser would send, so the real verification
// code runs on real signatures.
import { createHash, createPrivateKey, createSign, generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { isoCBOR } from "@simplewebauthn/server/helpers";

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest();

export interface SoftCredential {
  id: string;
  rpId: string;
  privateKey: KeyObject;
  userHandle: string;
  counter: number;
}

export class SoftwareAuthenticator {
  readonly credentials: SoftCredential[] = [];

  constructor(
    private readonly origin: string,
    /** Whether it verifies the person (a PIN or biometrics): the UV flag. */
    private readonly userVerified = true,
  ) {}

  private authData(rpId: string, counter: number, attested?: { id: Buffer; cose: Uint8Array }): Buffer {
    const flags = FLAG_UP | (this.userVerified ? FLAG_UV : 0) | (attested ? FLAG_AT : 0);
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    const parts: Uint8Array[] = [sha256(rpId), Buffer.from([flags]), count];
    if (attested) {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(attested.id.length);
      parts.push(Buffer.alloc(16), length, attested.id, Buffer.from(attested.cose));
    }
    return Buffer.concat(parts);
  }

  private clientData(type: "webauthn.create" | "webauthn.get", challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create(): a new ES256 credential for the options' RP and user. */
  create(options: PublicKeyCredentialCreationOptionsJSON, overrides: { origin?: string } = {}): RegistrationResponseJSON {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
        [-3, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
      ]),
    );
    const id = randomBytes(16);
    const rpId = options.rp.id!;
    const authData = this.authData(rpId, 0, { id, cose });
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", new Uint8Array(authData)]]) as never);
    this.credentials.push({ id: b64url(id), rpId, privateKey: createPrivateKey(privateKey.export({ format: "pem", type: "pkcs8" })), userHandle: options.user.id, counter: 0 });
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: "public-key",
      response: { clientDataJSON: b64url(this.clientData("webauthn.create", options.challenge, overrides.origin)), attestationObject: b64url(attestationObject), transports: ["internal"] },
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get(): an assertion by `credential` (the first one by default), its counter moved. */
  get(options: PublicKeyCredentialRequestOptionsJSON, credential = this.credentials[0]!, overrides: { origin?: string; counter?: number } = {}): AuthenticationResponseJSON {
    credential.counter = overrides.counter ?? credential.counter + 1;
    const authData = this.authData(options.rpId ?? credential.rpId, credential.counter);
    const clientDataJSON = this.clientData("webauthn.get", options.challenge, overrides.origin);
    const signature = createSign("SHA256").update(Buffer.concat([authData, sha256(clientDataJSON)])).sign(credential.privateKey);
    return {
      id: credential.id,
      rawId: credential.id,
      type: "public-key",
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature), userHandle: credential.userHandle },
      clientExtensionResults: {},
    };
  }
}

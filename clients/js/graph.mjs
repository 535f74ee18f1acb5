// The Microsoft Graph JavaScript client (@microsoft/microsoft-graph-client) as the docs' snippets make
// it, pointed at graphconform's mock or proxy instead of https://graph.microsoft.com.
//
// Environment: GRAPHCONFORM_BASE_URL (required: scheme, host and port, no version; 'graphconform serve
// -- COMMAND' and 'graphconform proxy -- COMMAND' set it), GRAPHCONFORM_TOKEN (default an opaque token
// the mock accepts). Node trusts the mock's certificate through NODE_EXTRA_CA_CERTS, which 'serve
// --tls -- COMMAND' sets too.
//
// The client sends the bearer token only to https:// Graph hosts and to the hosts of its customHosts
// option, so the mock must serve HTTPS and its host must be listed there.

import graph from "@microsoft/microsoft-graph-client";

export const { Client, GraphError, ResponseType, RetryHandlerOptions } = graph;

// Ids of graphconform's default seed (fixtures/mock/default.yaml).
export const seed = {
  device: "0f3ce432-e432-0f3c-32e4-3c0f32e43c0f",
  otherDevice: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  user: "5b649834-7412-4cce-9e69-176e95a394f5",
  userPrincipalName: "adele.vance@contoso.example",
  installation: "NWI2NDk4MzQtNzQxMi00Y2NlLTllNjktMTc2ZTk1YTM5NGY1IyNhNmI2MzM2NS0zMWE0LTRmNDMtOTJlYy03MTBiNzE1NTdhZjk",
  otherUser: "8c2e4f6a-1b3d-4e5f-9a7b-c0d1e2f3a4b5",
  otherInstallation: "OGMyZTRmNmEtMWIzZC00ZTVmLTlhN2ItYzBkMWUyZjNhNGI1IyNhNmI2MzM2NS0zMWE0LTRmNDMtOTJlYy03MTBiNzE1NTdhZjk",
  deviceConfiguration: "6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e",
  windowsUpdateState: "3d92af00-af00-3d92-00af-923d00af923d",
};

/** fail prints what was seen and why the run does not conform, and exits 1. */
export function fail(script, message, seen) {
  console.log(JSON.stringify(seen));
  console.error(`${script}: ${message}`);
  process.exit(1);
}

/** client returns the docs' client, with the options that point it at the mock. */
export function client(script) {
  const baseUrl = process.env.GRAPHCONFORM_BASE_URL;
  if (!baseUrl) {
    fail(script, "set GRAPHCONFORM_BASE_URL to the URL 'graphconform serve --tls' prints, e.g. https://127.0.0.1:8080", {});
  }
  const token = process.env.GRAPHCONFORM_TOKEN || "graphconform-js-client";
  return Client.init({
    authProvider: (done) => done(null, token),
    baseUrl: baseUrl.replace(/\/+$/, "") + "/",
    customHosts: new Set([new URL(baseUrl).hostname]),
  });
}

/** sleep waits ms milliseconds. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** retryAfterMs reads a Retry-After header (seconds) as milliseconds; 1 s when there is none. */
export function retryAfterMs(headers) {
  const seconds = Number.parseFloat(headers.get("Retry-After") ?? "1");
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

/** poll GETs the operation a 202's Location names, honouring Retry-After, until it ends (at most 30 s). */
export async function poll(c, location) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const raw = await c.api(location).version("beta").responseType(ResponseType.RAW).get();
    if (raw.status !== 200) {
      throw new Error(`polling ${location} answered ${raw.status}`);
    }
    const operation = await raw.json();
    if (["succeeded", "failed"].includes(operation.status) || Date.now() > deadline) {
      return operation;
    }
    await sleep(retryAfterMs(raw.headers));
  }
}

// Microsoft's JavaScript Graph client (@microsoft/microsoft-graph-client) against graphconform's mock:
// the updateSoftware snippet of the Graph docs, run unchanged but for the client's options.
//
//   graphconform serve --tls            # prints its URL and the path of its certificate (PEM)
//   NODE_EXTRA_CA_CERTS=/tmp/graphconform-mock-….pem \
//   GRAPHCONFORM_BASE_URL=https://127.0.0.1:PORT \
//   GRAPHCONFORM_TOKEN="$(graphconform token --scopes TeamworkDevice.ReadWrite.All)" \
//   node update-software.mjs
//
// The client sends the bearer token only to https:// Graph hosts and to the hosts of its customHosts
// option, so the mock must serve HTTPS and its host must be listed there; NODE_EXTRA_CA_CERTS makes
// Node trust the mock's self-signed certificate. The script prints one JSON line of what it saw and
// exits 0 when every expectation held, 1 otherwise (the reason on stderr).
//
// Environment: GRAPHCONFORM_BASE_URL (required: scheme, host and port, no version),
// GRAPHCONFORM_TOKEN (default "graphconform-js-client", an opaque token the mock accepts),
// GRAPHCONFORM_DEVICE and GRAPHCONFORM_OTHER_DEVICE (default: two devices of the default seed).

import graph from "@microsoft/microsoft-graph-client";

const { Client, GraphError, ResponseType } = graph;

const baseUrl = process.env.GRAPHCONFORM_BASE_URL;
const token = process.env.GRAPHCONFORM_TOKEN || "graphconform-js-client";
const device = process.env.GRAPHCONFORM_DEVICE || "0f3ce432-e432-0f3c-32e4-3c0f32e43c0f";
const otherDevice = process.env.GRAPHCONFORM_OTHER_DEVICE || "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

/** fail prints why the run does not conform and exits 1. */
function fail(message, seen) {
  console.log(JSON.stringify(seen));
  console.error(`update-software.mjs: ${message}`);
  process.exit(1);
}

if (!baseUrl) {
  fail("set GRAPHCONFORM_BASE_URL to the URL 'graphconform serve --tls' prints, e.g. https://127.0.0.1:8080", {});
}
const host = new URL(baseUrl).hostname;

// The docs' options, plus where the mock is: baseUrl replaces https://graph.microsoft.com/ (as a
// national cloud's does), customHosts lets the client send the token there.
const options = {
  authProvider: (done) => done(null, token),
  baseUrl: baseUrl.replace(/\/+$/, "") + "/",
  customHosts: new Set([host]),
};
const client = Client.init(options);

const seen = {};

// 1. The docs' snippet, as written: Microsoft's client resolves the 202 (text/plain, empty) to "".
const updateSoftware = {
  softwareType: "teamsClient",
  softwareVersion: "1.0.96.22",
};
try {
  seen.docsSnippet = await client.api(`/teamwork/devices/${device}/updateSoftware`)
    .version("beta")
    .post(updateSoftware);
} catch (err) {
  fail(`the docs' updateSoftware call failed: ${err.statusCode ?? ""} ${err.code ?? ""} ${err.message}`, seen);
}

// 2. The same with ResponseType.RAW, to read the 202's Location header.
const raw = await client.api(`/teamwork/devices/${otherDevice}/updateSoftware`)
  .version("beta")
  .responseType(ResponseType.RAW)
  .post(updateSoftware);
seen.status = raw.status;
seen.location = raw.headers.get("Location");
seen.clientRequestId = raw.headers.get("client-request-id");
if (raw.status !== 202) {
  fail(`updateSoftware answered ${raw.status}, not 202 Accepted`, seen);
}
if (!seen.location || !seen.location.startsWith(`/teamwork/devices/${otherDevice}/operations/`)) {
  fail(`the 202 has no Location of a teamworkDeviceOperation: ${seen.location}`, seen);
}

// 3. The operation the Location names.
const operation = await client.api(seen.location).version("beta").get();
seen.operationStatus = operation.status;
if (!["queued", "inProgress", "succeeded", "failed"].includes(operation.status)) {
  fail(`the operation's status ${operation.status} is not one the docs name`, seen);
}

// 4. An invalid softwareType: the client must reject with a GraphError of status 400.
try {
  await client.api(`/teamwork/devices/${device}/updateSoftware`)
    .version("beta")
    .post({ softwareType: "banana", softwareVersion: "1.0.96.22" });
  fail("an invalid softwareType was accepted", seen);
} catch (err) {
  if (!(err instanceof GraphError)) {
    fail(`an invalid softwareType rejected with ${err?.name}, not a GraphError: ${err?.message}`, seen);
  }
  seen.invalid = { statusCode: err.statusCode, code: err.code, message: err.message, requestId: err.requestId };
  if (err.statusCode !== 400) {
    fail(`an invalid softwareType rejected with status ${err.statusCode}, not 400`, seen);
  }
}

console.log(JSON.stringify(seen));

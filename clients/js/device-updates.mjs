// The docs' JavaScript for the three device-update APIs, with Microsoft's client, run as a conformant
// client does: updateSoftware (the snippet as written, then with ResponseType.RAW to read the 202's
// Location), polling the Location honouring Retry-After, the 409 of an update sent while one is queued,
// the upgrade of a Teams app with and without consentedPermissionSet, and the PATCH of a
// windowsUpdateState. It prints one JSON line of what it saw and exits 0 when every expectation held.
//
//   graphconform serve --tls --strict -- node clients/js/device-updates.mjs
//
// See graph.mjs for the environment.

import { GraphError, ResponseType, client, fail, poll, seed } from "./graph.mjs";

const script = "device-updates.mjs";
const c = client(script);
const seen = {};

// updateSoftware, the docs' snippet as written: Microsoft's client resolves the 202 (no body) to "".
const updateSoftware = {
  softwareType: "teamsClient",
  softwareVersion: "1.0.96.22",
};
try {
  seen.docsSnippet = await c.api(`/teamwork/devices/${seed.device}/updateSoftware`)
    .version("beta")
    .post(updateSoftware);
} catch (err) {
  fail(script, `the docs' updateSoftware call failed: ${err.statusCode ?? ""} ${err.code ?? ""} ${err.message}`, seen);
}

// The same with ResponseType.RAW, to read the 202's Location.
const raw = await c.api(`/teamwork/devices/${seed.otherDevice}/updateSoftware`)
  .version("beta")
  .responseType(ResponseType.RAW)
  .post(updateSoftware);
seen.status = raw.status;
seen.location = raw.headers.get("Location");
seen.clientRequestId = raw.headers.get("client-request-id");
if (raw.status !== 202) {
  fail(script, `updateSoftware answered ${raw.status}, not 202 Accepted`, seen);
}
if (!seen.location || !seen.location.includes(`/teamwork/devices/${seed.otherDevice}/operations/`)) {
  fail(script, `the 202 has no Location of a teamworkDeviceOperation: ${seen.location}`, seen);
}

// Poll the Location once: the update is queued, so another one is a 409 Conflict.
const first = await c.api(seen.location).version("beta").get();
seen.firstStatus = first.status;
try {
  await c.api(`/teamwork/devices/${seed.otherDevice}/updateSoftware`).version("beta").post(updateSoftware);
  if (first.status === "queued" || first.status === "inProgress") {
    fail(script, `a second update while the first is ${first.status} was accepted, not 409`, seen);
  }
} catch (err) {
  if (!(err instanceof GraphError) || err.statusCode !== 409) {
    fail(script, `a second update while one is queued rejected with ${err?.statusCode} ${err?.message}, not 409`, seen);
  }
  seen.conflict = { statusCode: err.statusCode, code: err.code };
}

// Poll until the operation ends, waiting the Retry-After the mock sends while it runs.
const done = await poll(c, seen.location);
seen.operationStatus = done.status;
if (done.status !== "succeeded" && done.status !== "failed") {
  fail(script, `the operation did not end: ${done.status}`, seen);
}

// upgrade (v1.0): without a body, and with the docs' consentedPermissionSet.
const upgradePath = `/users/${seed.user}/teamwork/installedApps/${seed.installation}/upgrade`;
seen.upgrade = await c.api(upgradePath).post();
const upgrade = {
  consentedPermissionSet: {
    resourceSpecificPermissions: [
      {
        permissionValue: "TeamsActivity.Send.User",
        permissionType: "Application",
      },
    ],
  },
};
seen.upgradeWithConsent = await c.api(`/users/${seed.userPrincipalName}/teamwork/installedApps/${seed.installation}/upgrade`).post(upgrade);

// PATCH a windowsUpdateState (beta): the answer echoes what was sent.
const windowsUpdateState = {
  "@odata.type": "#microsoft.graph.windowsUpdateState",
  status: "pendingInstallation",
  qualityUpdateVersion: "Quality Update Version value",
  featureUpdateVersion: "Feature Update Version value",
};
const patched = await c.api(`/deviceManagement/deviceConfigurations/${seed.deviceConfiguration}/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/${seed.windowsUpdateState}`)
  .version("beta")
  .patch(windowsUpdateState);
seen.patched = { id: patched.id, status: patched.status, featureUpdateVersion: patched.featureUpdateVersion };
if (patched.status !== "pendingInstallation" || patched.featureUpdateVersion !== windowsUpdateState.featureUpdateVersion) {
  fail(script, `the PATCH does not echo what was sent: ${JSON.stringify(patched)}`, seen);
}

console.log(JSON.stringify(seen));

#!/bin/sh
# offline.sh COMMAND [ARG...] runs COMMAND in a network namespace of its own with only loopback up,
# so that nothing it starts can reach another host: make test runs the tests this way. Where this
# user cannot make such a namespace (it takes Linux, root, util-linux's unshare and iproute2's ip),
# it runs COMMAND as it is and says so.
if unshare -n sh -c 'ip link set lo up' >/dev/null 2>&1; then
	exec unshare -n sh -c 'ip link set lo up && exec "$@"' offline "$@"
fi
echo "offline.sh: no network namespace here (it takes Linux, root, unshare and ip): the tests run with the network" >&2
exec "$@"

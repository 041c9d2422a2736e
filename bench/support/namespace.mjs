// The bench's own network namespace: both servers run inside it, on the far end of a veth pair,
// and the load generator reaches them from the host end. Janus announces no loopback candidates,
// and traffic may only go to loopback or to namespaces the bench creates; running our server the
// same way keeps the comparison fair (the same veth path for both).
import { execFileSync } from 'node:child_process';

export const benchNamespace = Object.freeze({
  name: 'dienhong-bench',
  hostInterface: 'dhb-host',
  serverInterface: 'dhb-server',
  hostAddress: '10.201.0.1',
  serverAddress: '10.201.0.2',
});

const ip = (...args) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

// Removes what an earlier, interrupted run may have left.
export function deleteBenchNamespace() {
  const { name, hostInterface } = benchNamespace;
  for (const args of [['netns', 'del', name], ['link', 'del', hostInterface]]) {
    try { ip(...args); } catch { /* not there */ }
  }
}

export function createBenchNamespace() {
  const { name, hostInterface, serverInterface, hostAddress, serverAddress } = benchNamespace;
  deleteBenchNamespace();
  ip('netns', 'add', name);
  ip('link', 'add', hostInterface, 'type', 'veth', 'peer', 'name', serverInterface, 'netns', name);
  ip('addr', 'add', `${hostAddress}/30`, 'dev', hostInterface);
  ip('link', 'set', hostInterface, 'up');
  ip('-n', name, 'addr', 'add', `${serverAddress}/30`, 'dev', serverInterface);
  ip('-n', name, 'link', 'set', serverInterface, 'up');
  ip('-n', name, 'link', 'set', 'lo', 'up');
  return benchNamespace;
}

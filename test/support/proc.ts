import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** A TCP socket in LISTEN state, with the process that holds it. */
export interface Listener {
  readonly address: string;
  readonly port: number;
  readonly pid: number;
}

const LISTEN = '0A';

/** /proc/net/tcp writes each 32-bit word of an address in host (little-endian) byte order. */
function decodeAddress(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  if (bytes.length === 4) return [...bytes].join('.');
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
  const mappedV4 = groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff';
  if (mappedV4) return `::ffff:${[...bytes.subarray(12)].join('.')}`;
  // Uncompressed but for the two addresses a reader looks for: any (::) and loopback (::1).
  const text = groups.join(':');
  return text === '0:0:0:0:0:0:0:0' ? '::' : text === '0:0:0:0:0:0:0:1' ? '::1' : text;
}

/** Every listening TCP socket of this network namespace, by socket inode. */
function listeningSockets(): Map<string, { address: string; port: number }> {
  const sockets = new Map<string, { address: string; port: number }>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== LISTEN) continue;
      const [address, port] = fields[1]!.split(':');
      sockets.set(fields[9]!, { address: decodeAddress(address!), port: parseInt(port!, 16) });
    }
  }
  return sockets;
}

/** pid → [parent pid, process group] of every process, from /proc/<pid>/stat. */
function processTable(): Map<number, readonly [number, number]> {
  const table = new Map<number, readonly [number, number]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the fields after the last ')' are plain.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), [Number(ppid), Number(pgrp)]);
    } catch {
      // The process ended while the table was read.
    }
  }
  return table;
}

/** `pid` and every process descended from it (the Java watchdog shell and Java itself). */
export function processTree(pid: number): number[] {
  const table = processTable();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, [parent]] of table) if (parent === tree[i]) tree.push(child);
  return tree;
}

/** The processes of a process group still running (orphans included, whoever their parent now is). */
export function processGroup(pgid: number): number[] {
  return [...processTable()].filter(([, [, group]]) => group === pgid).map(([pid]) => pid);
}

/** The listening sockets held by the given processes, read from /proc (no `ss` needed). */
export function listenersOf(pids: readonly number[]): Listener[] {
  const sockets = listeningSockets();
  const listeners: Listener[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const socket = inode === undefined ? undefined : sockets.get(inode);
      if (socket) listeners.push({ ...socket, pid });
    }
  }
  return listeners;
}

export function isLoopbackAddress(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/**
 * CPU time from /proc (Linux): of a whole process, or of one of its threads (the main thread's id is
 * the process id). On a machine shared with other work, wall-clock throughput moves with their load
 * while CPU time per unit of work barely does, so the benchmarks also say what ratio the cores
 * allow for the CPU each unit of work took, the load generator's included when it shares them.
 */
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

function statCpuMs(path: string): number {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** User + system CPU ms of a process, all its threads. */
export const processCpuMs = (pid: number): number => statCpuMs(`/proc/${pid}/stat`);

/** User + system CPU ms of one thread of a process; by default its main thread. */
export const threadCpuMs = (pid: number, tid = pid): number => statCpuMs(`/proc/${pid}/task/${tid}/stat`);

/** This process's CPU ms (all threads), from the runtime: finer than /proc's 10 ms ticks. */
export const ownCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * The highest throughput, as a ratio to one thread alone, that `cores` allow when each unit of work
 * costs `cpuMsPerUnit` of CPU in all (every thread and process taking part) and one thread alone
 * needs `oneThreadMsPerUnit`: the cores are full at cores / cpuMsPerUnit units per ms.
 */
export function ratioTheCoresAllow(cores: number, cpuMsPerUnit: number, oneThreadMsPerUnit: number): number {
  return (cores * oneThreadMsPerUnit) / cpuMsPerUnit;
}

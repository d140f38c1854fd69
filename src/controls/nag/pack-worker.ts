/**
 * Runs the packs over templates off the main thread (./pack-pool.ts): templates check independently, and
 * checking them dominates the time to verify a large input.
 */
import { parentPort } from 'node:worker_threads';
import { runPacksOnTemplate } from './run-packs.js';
import type { PackJob, PackReply } from './pack-pool.js';

parentPort?.on('message', async (job: PackJob) => {
  let reply: PackReply;
  try {
    reply = { id: job.id, run: await runPacksOnTemplate(job.file, job.options) };
  } catch (error) {
    reply = { id: job.id, crash: (error as Error).stack ?? String(error) };
  }
  parentPort?.postMessage(reply);
});

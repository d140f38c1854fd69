/**
 * Runs the packs over templates off the main thread (./pack-pool.ts): templates check independently, and
 * checking them dominates the time to verify a large input.
 */
import { parentPort } from 'node:worker_threads';
import { runPacksOnTemplate, warmUpPacks } from './run-packs.js';
import type { PackJob, PackReply, WarmUp } from './pack-pool.js';

parentPort?.on('message', async (job: PackJob | WarmUp) => {
  if ('warmUp' in job) {
    // Loading is all it asks for; a failure here shows again, and is answered, with the first job.
    try {
      warmUpPacks();
    } catch {
      // nothing to answer: no job waits on this
    }
    return;
  }
  let reply: PackReply;
  try {
    reply = { id: job.id, run: await runPacksOnTemplate(job.file, job.options) };
  } catch (error) {
    reply = { id: job.id, crash: (error as Error).stack ?? String(error) };
  }
  parentPort?.postMessage(reply);
});

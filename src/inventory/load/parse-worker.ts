/**
 * Parses YAML input files off the main thread: YAML parsing dominates the time to read large manifest sets, and
 * files parse independently. Posts the documents with their line tables, or the InputError's fields.
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { parseTextFile, type ParseJob, type ParseReply } from './parse-file.js';
import { MalformedFileError } from './source-text.js';

// The YAML parser looks up process.env.LOG_TOKENS for every token, and process.env is an exotic object whose
// reads are slow. A worker's environment is its own copy, used by nothing else here: a plain object serves.
process.env = { ...process.env };

parentPort?.on('message', async (job: ParseJob) => {
  let reply: ParseReply;
  try {
    const documents = await parseTextFile(job.file, job.shown);
    reply = {
      id: job.id,
      documents: documents.map((d) => ({ value: d.value, lines: d.lines ?? new Map() })),
    };
  } catch (error) {
    reply =
      error instanceof InputError
        ? {
            id: job.id,
            inputError: {
              message: error.message,
              ...(error.file !== undefined ? { file: error.file } : {}),
              ...(error.path !== undefined ? { path: error.path } : {}),
              ...(error.position !== undefined ? { position: error.position } : {}),
              ...(error instanceof MalformedFileError ? { malformed: true } : {}),
            },
          }
        : { id: job.id, crash: (error as Error).stack ?? String(error) };
  }
  parentPort?.postMessage(reply);
});

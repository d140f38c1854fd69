/**
 * The screenshot helper of the Chromium tests tries again only when Chromium hands back no frame, so a real
 * failure still fails. The page here is a stand-in whose `screenshot` answers from a script.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fullPageScreenshot } from './chromium.js';

const NO_FRAME = 'page.screenshot: Protocol error (Page.captureScreenshot): Unable to capture screenshot';

/** A page whose screenshots throw the given errors in turn, then return a one-byte image. */
function scriptedPage(errors: readonly string[]) {
  const calls: unknown[] = [];
  const page = {
    screenshot: (options: unknown) => {
      calls.push(options);
      const error = errors[calls.length - 1];
      return error === undefined ? Promise.resolve(Buffer.from([1])) : Promise.reject(new Error(error));
    },
  } as unknown as Page;
  return { page, calls };
}

describe('fullPageScreenshot', () => {
  it('takes a full-page screenshot', async () => {
    const { page, calls } = scriptedPage([]);
    assert.deepEqual(await fullPageScreenshot(page), Buffer.from([1]));
    assert.deepEqual(calls, [{ fullPage: true }]);
  });

  it('tries again when Chromium hands back no frame', async () => {
    const { page, calls } = scriptedPage([NO_FRAME, NO_FRAME]);
    assert.deepEqual(await fullPageScreenshot(page), Buffer.from([1]));
    assert.equal(calls.length, 3);
  });

  it('gives up after the last attempt', async () => {
    const { page, calls } = scriptedPage([NO_FRAME, NO_FRAME]);
    await assert.rejects(fullPageScreenshot(page, 2), { message: NO_FRAME });
    assert.equal(calls.length, 2);
  });

  it('fails at once on any other error', async () => {
    const { page, calls } = scriptedPage([
      'page.screenshot: Target page, context or browser has been closed',
    ]);
    await assert.rejects(fullPageScreenshot(page), /has been closed/);
    assert.equal(calls.length, 1);
  });
});

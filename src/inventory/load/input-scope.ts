/**
 * The boundary of one input path. Inputs come from pull requests: a symbolic link or a nested stack's
 * TemplateURL may point anywhere on the machine (`/etc/passwd`, `/dev/zero`, `/`). Files are read only where
 * their real path (symbolic links resolved) is inside the input's root: the directory given, or the directory
 * of the file given. What points outside is reported, never followed.
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative } from 'node:path';
import { inputGuardsOn } from '../../contract/input-limits.js';
import { InputError } from '../../errors.js';
import { describeFsError, UnreadableFileError } from './source-text.js';
import { displayPath } from './display-path.js';

export class InputScope {
  private constructor(
    /** Real path of the root directory. */
    readonly root: string,
  ) {}

  /** The scope of an input path named by the user (who may name a symbolic link: it is resolved here). */
  static async of(path: string): Promise<InputScope> {
    const shown = displayPath(path);
    let stats;
    try {
      stats = await stat(path);
    } catch (error) {
      throw new InputError(`cannot read the input (${describeFsError(error)})`, shown);
    }
    const real = await realpath(stats.isDirectory() ? path : dirname(path)).catch((error: unknown) => {
      throw new InputError(`cannot read the input (${describeFsError(error)})`, shown);
    });
    return new InputScope(real);
  }

  /** Whether a real path is the root or below it. */
  contains(real: string): boolean {
    const rel = relative(this.root, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  }

  /**
   * The real path of `path` when it is inside the root; an InputError naming `shown` when it is not, and an
   * UnreadableFileError when it does not exist.
   */
  async inside(path: string, shown: string): Promise<string> {
    if (!inputGuardsOn()) return path;
    let real: string;
    try {
      real = await realpath(path);
    } catch (error) {
      throw new UnreadableFileError(`cannot read the file (${describeFsError(error)})`, shown);
    }
    if (!this.contains(real))
      throw new InputError(
        `resolves to ${real}, outside the input ${displayPath(this.root)}; it is not read (inputs may only refer to files inside the path given)`,
        shown,
      );
    return real;
  }
}

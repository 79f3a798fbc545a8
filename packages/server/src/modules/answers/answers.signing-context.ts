import type { AppContext } from '../../app-context.ts';
import { openSigning, type Signing } from '../../signing/signing.ts';

/**
 * One signing setup per application context: the configured key (file, PKCS#12 or PKCS#11) or
 * the development CA, opened at start so a wrong key stops the server before it listens.
 */
const signings = new WeakMap<AppContext, Promise<Signing>>();

export function signingFor(ctx: AppContext): Promise<Signing> {
  let signing = signings.get(ctx);
  if (!signing) {
    signing = openSigning(ctx.config, ctx.logger);
    signings.set(ctx, signing);
    // A failed opening is not cached: the next call tries again (and says why again).
    signing.catch(() => signings.delete(ctx));
  }
  return signing;
}

import { AppError } from '../../http/app-error.ts';

export const createProofOutOfRangeError = (detail: string) =>
  new AppError('transparency_log.proof_out_of_range', { detail });

export const createTileNotFoundError = () =>
  new AppError('transparency_log.tile_not_found', { detail: 'The log has no such tile yet.' });

export const createTilePathInvalidError = () =>
  new AppError('transparency_log.tile_path_invalid', {
    detail: 'Tile paths are tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>] (C2SP tlog-tiles).',
  });

import { ProfileFormatError } from './errors';

/** The stops samples.wat signals in its `status` global (its header lists the same codes). */
export const STATUS = { ROOM: 1, WIDEN: 2 } as const;

/** samples.wat's `errWhere` codes: which field an error is in. */
const WHERE = ['sample', 'sample.location_id', 'sample.value', 'sample.label', 'label.key', 'label.str', 'label.num', 'label.num_unit', 'sample'];

/** The ProfileFormatError for an error status of samples.wat, at input offset `pos`. */
export function sampleError(status: number, where: number, pos: number, arg: number, left: number): ProfileFormatError {
  const field = WHERE[where] ?? 'sample';
  switch (status) {
    case 10: return new ProfileFormatError('truncated varint', 'varint', pos);
    case 11: return new ProfileFormatError('varint longer than 10 bytes', 'varint', pos);
    case 12: return new ProfileFormatError(`location id ${arg} exceeds 2^32-1 (unsupported)`, 'sample.location_id', pos);
    case 13: return new ProfileFormatError(`expected a message (wire type 2), found wire type ${arg}`, field, pos);
    case 14: return new ProfileFormatError(`unexpected wire type ${arg}`, field, pos);
    case 15: return new ProfileFormatError(`truncated: ${arg} bytes declared, ${left} left`, field, pos);
    case 16: return new ProfileFormatError(`unsupported group wire type ${arg}`, 'profile', pos);
    case 17: return new ProfileFormatError(`invalid wire type ${arg}`, 'profile', pos);
    case 18: return new ProfileFormatError('field runs past the end of its message', 'profile', pos);
    default: return new ProfileFormatError(`sample reader stopped with status ${status}`, field, pos);
  }
}

/**
 * The decoded profile: the pprof data model with string indexes resolved and
 * ids joined to array indexes. Samples are stored column-wise in typed arrays
 * because real profiles have millions of them and an object per sample costs
 * more than the whole decode.
 *
 * int64 policy (DESIGN rule 4): addresses and other uint64 mapping fields are
 * `bigint` (they pass 2^53). Sample values and numeric labels are `number`:
 * exact for |v| ≤ 2^53 including negatives (delta and diff profiles); any value
 * beyond that is counted in `inexactValues` so callers can say so instead of
 * silently showing a wrong number.
 */
export interface ValueType {
  readonly type: string;
  readonly unit: string;
}

export interface ProfileFunction {
  readonly id: number;
  readonly name: string;
  readonly systemName: string;
  readonly filename: string;
  readonly startLine: number;
}

/** One source line of a location; `functionIndex` indexes `Profile.functions`. */
export interface ProfileLine {
  readonly functionIndex: number;
  readonly line: number;
  readonly column: number;
}

export interface ProfileMapping {
  readonly id: number;
  readonly memoryStart: bigint;
  readonly memoryLimit: bigint;
  readonly fileOffset: bigint;
  readonly filename: string;
  readonly buildId: string;
  readonly hasFunctions: boolean;
  readonly hasFilenames: boolean;
  readonly hasLineNumbers: boolean;
  readonly hasInlineFrames: boolean;
}

/**
 * One PC. `lines` is innermost first: with inlining, lines[0] is the inlined
 * callee and the last entry is the physical function the PC belongs to.
 */
export interface ProfileLocation {
  readonly id: number;
  /** Index into `Profile.mappings`, or -1 when the location names none. */
  readonly mappingIndex: number;
  readonly address: bigint;
  readonly lines: readonly ProfileLine[];
  readonly isFolded: boolean;
}

export interface SampleLabel {
  readonly key: string;
  readonly str?: string;
  readonly num?: number;
  readonly numUnit?: string;
}

/**
 * Column store of samples. Sample i has values
 * `values[i*types .. (i+1)*types)` and location indexes (leaf first)
 * `locations[locationStart[i] .. locationStart[i+1])`.
 */
export interface SampleTable {
  readonly count: number;
  readonly values: Float64Array;
  readonly locationStart: Uint32Array;
  /** 16-bit while every index fits (see idColumn.ts), else 32-bit. */
  readonly locations: Uint16Array | Uint32Array;
  /** Offsets into the label columns, or undefined when no sample has labels. */
  readonly labelStart?: Uint32Array;
  readonly labelKey?: Int32Array;
  /** String index of the label's str value, 0 ("") when it is numeric. */
  readonly labelStr?: Int32Array;
  readonly labelNum?: Float64Array;
  readonly labelNumUnit?: Int32Array;
}

export interface Profile {
  readonly sampleTypes: readonly ValueType[];
  readonly samples: SampleTable;
  readonly locations: readonly ProfileLocation[];
  readonly functions: readonly ProfileFunction[];
  readonly mappings: readonly ProfileMapping[];
  readonly strings: readonly string[];
  readonly dropFrames: string;
  readonly keepFrames: string;
  readonly timeNanos: bigint;
  readonly durationNanos: bigint;
  readonly periodType?: ValueType;
  readonly period: number;
  readonly comments: readonly string[];
  /** Index into sampleTypes: default_sample_type when set, else the last type. */
  readonly defaultSampleTypeIndex: number;
  readonly docUrl: string;
  /** Count of sample values or numeric labels whose magnitude exceeded 2^53. */
  readonly inexactValues: number;
}

/** The labels of sample i, materialised on demand (they are rarely needed). */
export function sampleLabels(p: Profile, i: number): SampleLabel[] {
  const s = p.samples;
  if (!s.labelStart || !s.labelKey || !s.labelStr || !s.labelNum || !s.labelNumUnit) return [];
  const out: SampleLabel[] = [];
  for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
    const key = p.strings[s.labelKey[j]];
    const str = s.labelStr[j];
    if (str !== 0) out.push({ key, str: p.strings[str] });
    else {
      const unit = s.labelNumUnit[j];
      out.push(unit ? { key, num: s.labelNum[j], numUnit: p.strings[unit] } : { key, num: s.labelNum[j] });
    }
  }
  return out;
}

/** Value of sample `i` for sample type `t`. */
export function sampleValue(p: Profile, i: number, t: number): number {
  return p.samples.values[i * p.sampleTypes.length + t];
}

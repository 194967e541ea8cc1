import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export interface StrengthEstimate {
  score: number;
  warning: string;
  suggestions: string[];
}

export type StrengthMeter = (password: string, userInputs: string[]) => StrengthEstimate;

/** zxcvbn-ts with the common and English dictionaries (built once per hub; about 1 MB of word lists). */
export function createStrengthMeter(): StrengthMeter {
  const factory = new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return (password, userInputs) => {
    const r = factory.check(password.slice(0, 200), userInputs);
    return { score: r.score, warning: r.feedback.warning ?? '', suggestions: r.feedback.suggestions };
  };
}

/** Builds the FIM prompt text and the stop list for one completion request. */
import type { CompletionMode } from './completion-mode';
import type { DocumentWindow } from './document-window';
import type { FimTemplate } from './fim-templates';
import { pathComment } from './extra-context';
import { languageInfo } from './language-info';

export interface PromptParts {
  prompt: string;
  stops: string[];
}

/** `\n\n` and its variants: a blank line (possibly holding only indentation) ends a completion. */
export const BLANK_LINE_STOPS = ['\n\n', '\r\n\r\n', '\n \n', '\n  \n', '\n    \n', '\n\t\n'];

export function buildStops(template: FimTemplate, mode: CompletionMode, languageId: string): string[] {
  const stops = [...template.stopTokens, ...BLANK_LINE_STOPS];
  if (mode === 'single') stops.push('\n');
  else for (const kw of languageInfo(languageId).topLevelKeywords) stops.push('\n' + kw);
  // Never '//': it would cut completions at every comment in C-like languages (docs/completion-facts.md).
  return [...new Set(stops)].filter((s) => s !== '//');
}

export function buildPrompt(
  w: DocumentWindow,
  template: FimTemplate,
  extraContext: string,
  fileName: string,
  languageId: string,
  mode: CompletionMode,
): PromptParts {
  // With other files' context, the current file gets its own path comment too (repository-level form).
  const context = extraContext ? extraContext + pathComment(fileName, languageId) : '';
  const prefix = w.prefixAbove + w.linePrefix;
  const suffix = w.lineSuffix + w.suffixBelow;
  return { prompt: template.render(context, prefix, suffix), stops: buildStops(template, mode, languageId) };
}

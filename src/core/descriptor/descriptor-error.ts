/** A descriptor that cannot be used: every problem found, each already localized. */
export class DescriptorError extends Error {
  constructor(readonly problems: string[], readonly fileName?: string) {
    super(problems.join('\n'));
    this.name = 'DescriptorError';
  }
}

import { oas } from '@stoplight/spectral-rulesets';

/**
 * The Spectral ruleset the OpenAPI document is linted with (test/openapi-document.test.ts): every
 * rule of `spectral:oas`, warnings included, with zero findings allowed. A rule is turned off only
 * here, with its reason.
 */
export const OPENAPI_RULESET = {
  extends: [[oas, 'all']],
  rules: {
    // The contact of an installation is its operator's (a ministry's service desk), not the
    // project's: the code cannot know it, and a made-up address would mislead integrators.
    'info-contact': 'off',
  },
};

import { validateOptionsResponse } from '../../sim/slack/suggestions';

const opt = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });

describe('validateOptionsResponse (block_suggestion answers)', () => {
  it('accepts options or option_groups within Slack limits', () => {
    expect(validateOptionsResponse({ options: [] })).toEqual([]);
    expect(validateOptionsResponse({ options: [...Array.from({ length: 99 }, (_, i) => opt('a', `${i}`)), opt('x'.repeat(75), 'v'.repeat(150))] })).toEqual([]);
    expect(validateOptionsResponse({ option_groups: [{ label: { type: 'plain_text', text: 'Not connected' }, options: [opt('a', '1')] }] })).toEqual([]);
  });

  it("reports what Slack would refuse, in Slack's wording", () => {
    expect(validateOptionsResponse({ options: Array.from({ length: 101 }, (_, i) => opt('a', `${i}`)) })).toEqual(['no more than 100 items allowed [json-pointer:/options]']);
    expect(validateOptionsResponse({ options: [opt('x'.repeat(76), 'v'.repeat(151))] })).toEqual([
      'must be less than 76 characters [json-pointer:/options/0/text/text]',
      'must be less than 151 characters [json-pointer:/options/0/value]',
    ]);
    expect(validateOptionsResponse({ options: [{ text: { type: 'mrkdwn', text: '*a*' }, value: '1' }] })).toEqual(['must be a plain_text object [json-pointer:/options/0/text]']);
    expect(validateOptionsResponse({ options: [], option_groups: [] })).toEqual(['must provide exactly one of options or option_groups']);
    expect(validateOptionsResponse(undefined)).toEqual(['the response must be a JSON object with options or option_groups']);
    expect(validateOptionsResponse({ option_groups: [{ label: { type: 'plain_text', text: 'g'.repeat(76) }, options: [opt('a', '1')] }] })).toEqual([
      'must be less than 76 characters [json-pointer:/option_groups/0/label/text]',
    ]);
  });
});

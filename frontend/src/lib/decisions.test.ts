import { describe, expect, it } from 'vitest';
import { body, duration, emptyForm, parseAmount, percent, validate } from './decisions';

describe('the decision form', () => {
  it('reads amounts with a comma or a point and refuses words', () => {
    expect(parseAmount('35')).toBe(35);
    expect(parseAmount('12,50')).toBe(12.5);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('abc')).toBeNaN();
    expect(parseAmount('-3')).toBeNaN();
  });

  it('asks for a type and the story, and builds the body', () => {
    const empty = validate(emptyForm());
    expect(empty).toEqual({ decision_key: 'required', customer_need: 'required', action_taken: 'required' });
    const form = { ...emptyForm(), decisionKey: 'fee-waiver', amount: '35', need: ' Late fee ', action: 'Waived it', csat: '5', resolved: 'no' };
    expect(validate(form)).toEqual({});
    expect(body(form)).toEqual({
      decision_key: 'fee-waiver',
      amount: 35,
      customer_need: 'Late fee',
      action_taken: 'Waived it',
      resolved_first_contact: false,
      csat: 5,
      contact_reference: null,
    });
  });

  it('asks an amount type for an amount, and sends none for a permission', () => {
    const form = { ...emptyForm(), decisionKey: 'policy-exception', amount: '', need: 'Cut-off passed', action: 'Took the order' };
    expect(validate(form)).toEqual({ amount: 'required' });
    expect(validate({ ...form, amount: '0' })).toEqual({ amount: 'required' });
    expect(validate(form, 'permission')).toEqual({});
    expect(body({ ...form, amount: '12' }, 'permission').amount).toBeNull();
  });
});

describe('report numbers', () => {
  it('says waits in minutes, hours or days', () => {
    expect(duration(420)).toEqual({ unit: 'minutes', count: 7 });
    expect(duration(10)).toEqual({ unit: 'minutes', count: 1 });
    expect(duration(7200)).toEqual({ unit: 'hours', count: 2 });
    expect(duration(3 * 86400)).toEqual({ unit: 'days', count: 3 });
  });

  it('rounds shares to percentages', () => {
    expect(percent(1 / 3)).toBe(33);
    expect(percent(null)).toBeNull();
  });
});

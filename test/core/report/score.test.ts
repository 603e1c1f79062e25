import { describe, expect, it } from 'vitest';
import { isBlocking, SEVERITY_POINTS, scoreFindings } from '../../../src/core/report/score.ts';
import { finding, waiver } from './factory.ts';

describe('scoreFindings', () => {
  it('exports the RULES.md points table', () => {
    expect(SEVERITY_POINTS).toEqual({ critical: 40, high: 20, medium: 8, low: 3, info: 0 });
  });

  it('sums introduced and worsened findings and takes the highest severity as level', () => {
    const s = scoreFindings(
      [
        finding({ severity: 'high', status: 'introduced' }),
        finding({ severity: 'medium', status: 'worsened' }),
        finding({ severity: 'low', status: 'introduced' }),
        finding({ severity: 'info', status: 'introduced' }),
      ],
      'high',
    );
    expect(s.risk.score).toBe(20 + 8 + 3);
    expect(s.risk.level).toBe('high');
  });

  it('caps the score at 100', () => {
    const s = scoreFindings(
      [1, 2, 3].map(() => finding({ severity: 'critical' })),
      'never',
    );
    expect(s.risk.score).toBe(100);
    expect(s.risk.level).toBe('critical');
  });

  it('ignores preexisting, resolved and waived findings for the risk score → level none', () => {
    const s = scoreFindings(
      [
        finding({ status: 'preexisting', severity: 'critical' }),
        finding({ status: 'resolved', severity: 'critical' }),
        finding({ status: 'introduced', severity: 'critical', waived: waiver() }),
      ],
      'low',
    );
    expect(s.risk.score).toBe(0);
    expect(s.risk.level).toBe('none');
    expect(s.conclusion).toBe('success');
  });

  it('an expired waiver (waived null, expiredWaiver set) still counts and blocks', () => {
    const s = scoreFindings(
      [finding({ severity: 'high', waived: null, expiredWaiver: waiver({ expires: '2020-01-01' }) })],
      'high',
    );
    expect(s.risk.score).toBe(20);
    expect(s.conclusion).toBe('failure');
  });

  it('posture: base = preexisting + resolved + worsened, head = introduced + worsened + preexisting', () => {
    const s = scoreFindings(
      [
        finding({ status: 'preexisting', severity: 'medium' }), // 8 both
        finding({ status: 'resolved', severity: 'high' }), // 20 base
        finding({ status: 'worsened', severity: 'low' }), // 3 both
        finding({ status: 'introduced', severity: 'critical' }), // 40 head
      ],
      'never',
    );
    expect(s.risk.basePosture).toBe(8 + 20 + 3);
    expect(s.risk.headPosture).toBe(40 + 3 + 8);
  });

  it('posture counts waived findings: a waiver accepts a risk, it does not remove it', () => {
    const s = scoreFindings([finding({ status: 'preexisting', severity: 'high', waived: waiver() })], 'high');
    expect(s.risk.basePosture).toBe(20);
    expect(s.risk.headPosture).toBe(20);
  });

  it('posture is capped at 100 too', () => {
    const s = scoreFindings(
      [1, 2, 3, 4].map(() => finding({ status: 'preexisting', severity: 'critical' })),
      'never',
    );
    expect(s.risk.basePosture).toBe(100);
    expect(s.risk.headPosture).toBe(100);
  });

  it('scan mode: present findings count toward risk, head posture and the conclusion', () => {
    const s = scoreFindings([finding({ status: 'present', severity: 'high' })], 'high');
    expect(s.risk).toEqual({ score: 20, level: 'high', basePosture: 0, headPosture: 20 });
    expect(s.conclusion).toBe('failure');
  });

  it('fails when a new finding reaches failOn, succeeds below it', () => {
    const medium = [finding({ severity: 'medium' })];
    expect(scoreFindings(medium, 'high').conclusion).toBe('success');
    expect(scoreFindings(medium, 'medium').conclusion).toBe('failure');
    expect(scoreFindings(medium, 'low').blocking).toHaveLength(1);
  });

  it("failOn 'never' never fails", () => {
    expect(scoreFindings([finding({ severity: 'critical' })], 'never').conclusion).toBe('success');
    expect(isBlocking(finding({ severity: 'critical' }), 'never')).toBe(false);
  });

  it('preexisting findings never block, whatever their severity', () => {
    expect(scoreFindings([finding({ status: 'preexisting', severity: 'critical' })], 'low').conclusion).toBe(
      'success',
    );
  });

  it('neutral reasons make the conclusion neutral when nothing blocks', () => {
    const s = scoreFindings([finding({ severity: 'low' })], 'high', ['config: failOn: invalid value']);
    expect(s.conclusion).toBe('neutral');
    expect(s.conclusionReasons).toEqual(['config: failOn: invalid value']);
  });

  it('a blocking finding wins over neutral reasons, which are still reported', () => {
    const s = scoreFindings([finding({ severity: 'critical' })], 'high', ['templated file skipped']);
    expect(s.conclusion).toBe('failure');
    expect(s.conclusionReasons).toEqual(['templated file skipped']);
  });
});

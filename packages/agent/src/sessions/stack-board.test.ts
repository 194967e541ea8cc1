import { describe, expect, it } from 'vitest';
import { StackBoard, type StackMember, type StackReport, type StackVerdict } from './stack-board.ts';

class Member implements StackMember {
  verdicts: StackVerdict[] = [];
  onStackVerdict(v: StackVerdict): void {
    this.verdicts.push(v);
  }
}
const report = (box: string, claimed: string, offline = 0, members = ['DSP1', 'DSP2']): StackReport => ({
  subnet: '127.20.1.0',
  claimed,
  box,
  members,
  primary: 'DSP1',
  offline,
});

describe(StackBoard.name, () => {
  it('makes every box of a chain incomplete when any of them sees a member offline', () => {
    const board = new StackBoard();
    const [a, b] = [new Member(), new Member()];
    expect(board.report(a, report('DSP1', 'Main'))).toEqual({
      complete: true,
      mismatched: false,
      stackName: 'Main',
    });
    expect(board.report(b, report('DSP2', 'Main', 1))).toEqual({
      complete: false,
      mismatched: false,
      stackName: 'Main',
    });
    expect(a.verdicts).toEqual([{ complete: false, mismatched: false, stackName: 'Main' }]);
    board.report(b, report('DSP2', 'Main', 0));
    expect(a.verdicts.at(-1)).toEqual({ complete: true, mismatched: false, stackName: 'Main' });
  });

  it('marks a box claiming another stack than its primary as mismatched', () => {
    const board = new StackBoard();
    const [a, b] = [new Member(), new Member()];
    board.report(a, report('DSP1', 'Main'));
    expect(board.report(b, report('DSP2', 'Main-OTHER'))).toMatchObject({
      mismatched: true,
      stackName: 'Main',
    });
    expect(a.verdicts).toEqual([]);
  });

  it('forgets a member that leaves, and keeps separate chains apart', () => {
    const board = new StackBoard();
    const [a, b, c] = [new Member(), new Member(), new Member()];
    board.report(a, report('DSP1', 'Main'));
    board.report(b, report('DSP2', 'Main', 2));
    expect(board.report(c, report('X1', 'Other', 0, ['X1']))).toMatchObject({ complete: true });
    board.leave(b);
    expect(a.verdicts.at(-1)).toMatchObject({ complete: true });
    expect(c.verdicts).toEqual([]);
  });
});

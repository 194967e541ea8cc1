/** What one box session sees of its stack. */
export interface StackReport {
  /** Subnet the box is in: stacks never span subnets here. */
  subnet: string;
  /** Stack name the box reports for itself. */
  claimed: string;
  /** Identity (serial) of the reporter. */
  box: string;
  /** Identities of the boxes its stack listing shows (itself included): the C-Link chain. */
  members: readonly string[];
  /** Identity of the primary box (C-Link 00) of that listing. */
  primary: string | undefined;
  /** Members it sees offline: listed boxes, plus its own P-Link peripherals. */
  offline: number;
}

export interface StackVerdict {
  /** Every box and peripheral of the stack is online, as far as any member sees. */
  complete: boolean;
  /** The box reports another stack than its stack-mates (its parent) do. */
  mismatched: boolean;
  /** The stack's name as its primary box (or most of its boxes) report it. */
  stackName: string;
}

export interface StackMember {
  onStackVerdict(verdict: StackVerdict): void;
}

/**
 * Combines what the boxes of one C-Link chain see, across their sessions: a peripheral offline
 * behind box 2 makes box 1 Incomplete Stack too, and a box claiming another stack name than the
 * primary box of its chain is Mismatched Stack. Members are grouped by subnet and the set of boxes
 * their listings show; a verdict is pushed only to members whose verdict changed.
 */
export class StackBoard {
  private readonly reports = new Map<
    StackMember,
    { report: StackReport; group: string; verdict: StackVerdict }
  >();
  private readonly groups = new Map<string, Set<StackMember>>();

  /** Records a member's view and returns its verdict (others of its group are told if theirs changed). */
  report(member: StackMember, report: StackReport): StackVerdict {
    const group = `${report.subnet}|${[...report.members].sort().join('|')}`;
    const previous = this.reports.get(member);
    if (previous && previous.group !== group) this.leave(member);
    const entry =
      previous?.group === group
        ? previous
        : { report, group, verdict: { complete: true, mismatched: false, stackName: report.claimed } };
    entry.report = report;
    this.reports.set(member, entry);
    let members = this.groups.get(group);
    if (!members) this.groups.set(group, (members = new Set()));
    members.add(member);
    this.recompute(group, member);
    return entry.verdict;
  }

  /** The member no longer speaks for the stack (its session is down or closed). */
  leave(member: StackMember): void {
    const entry = this.reports.get(member);
    if (!entry) return;
    this.reports.delete(member);
    const members = this.groups.get(entry.group);
    members?.delete(member);
    if (members?.size === 0) this.groups.delete(entry.group);
    else this.recompute(entry.group, undefined);
  }

  private recompute(group: string, caller: StackMember | undefined): void {
    const members = [...(this.groups.get(group) ?? [])].map((m) => [m, this.reports.get(m)] as const);
    let offline = 0;
    const claims = new Map<string, number>();
    let primaryClaim: string | undefined;
    for (const [, e] of members) {
      if (!e) continue;
      offline += e.report.offline;
      claims.set(e.report.claimed, (claims.get(e.report.claimed) ?? 0) + 1);
      if (e.report.primary === e.report.box) primaryClaim = e.report.claimed;
    }
    const majority = [...claims.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    for (const [member, e] of members) {
      if (!e) continue;
      const stackName = primaryClaim ?? majority ?? e.report.claimed;
      const verdict = { complete: offline === 0, mismatched: e.report.claimed !== stackName, stackName };
      const changed =
        verdict.complete !== e.verdict.complete ||
        verdict.mismatched !== e.verdict.mismatched ||
        verdict.stackName !== e.verdict.stackName;
      e.verdict = verdict;
      if (changed && member !== caller) member.onStackVerdict(verdict);
    }
  }
}

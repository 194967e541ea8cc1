/** What the device state needs from a logged-in control session (telnet CP2 session). */
export interface StackSession {
  readonly loggedIn: boolean;
  /** Writes one output line (`<payload><EOL>=> `). */
  sendLine(payload: string): void;
  isSubscribed(epn: string, type: string): boolean;
  /** `hang` started or ended on the device. */
  setHung(on: boolean): void;
  /** Closes the session (e.g. credentials changed under it). */
  end(): void;
}

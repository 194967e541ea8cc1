// node-turn (a STUN/TURN server in JavaScript) ships no types: what communications.e2e uses of it.
declare module 'node-turn' {
  interface TurnOptions {
    listeningPort?: number;
    listeningIps?: string[];
    relayIps?: string[];
    minPort?: number;
    maxPort?: number;
    authMech?: 'none' | 'short-term' | 'long-term';
    credentials?: Record<string, string>;
    realm?: string;
    debugLevel?: 'OFF' | 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE' | 'ALL';
    log?: (...args: unknown[]) => void;
  }
  class Turn {
    constructor(options: TurnOptions);
    start(): void;
    stop(): void;
    /** An EventEmitter: 'message' carries each request received (its transport's source address). */
    emit(event: string, ...args: unknown[]): boolean;
  }
  export default Turn;
}

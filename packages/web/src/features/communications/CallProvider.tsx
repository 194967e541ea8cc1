import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallKind, CallSignal, CallSignalType } from '@crosspoint/protocol';
import { call as callApi } from '../../api/client.ts';
import { useNow } from '../../ui/useNow.ts';
import { CallSession, openMedia, startRinging, stopMedia } from './call-session.ts';

interface Peer {
  id: string;
  name: string;
}

interface CallInfo {
  id: string;
  conversationId: string;
  peer: Peer;
  kind: CallKind;
  callerId: string;
}

type Phase = 'outgoing' | 'incoming' | 'connecting' | 'active';

interface CallState {
  phase: Phase;
  info: CallInfo;
  since?: number;
}

interface Calls {
  /** Calls a person of a conversation. */
  start: (conversationId: string, peer: Peer, kind: CallKind) => void;
  /** A call signal for the signed-in person, from the live stream. */
  receive: (signal: CallSignal) => void;
  busy: boolean;
  /** The last call that ended without being answered here: why (shown once). */
  notice: string | null;
}

const CallContext = createContext<Calls>({
  start: () => undefined,
  receive: () => undefined,
  busy: false,
  notice: null,
});

export const useCalls = (): Calls => useContext(CallContext);

/** How long a call rings before the caller gives up (a missed call). */
const ringMs = 45_000;

/**
 * One-to-one audio and video calls (WebRTC) in the browser, the hub relaying the signals: the
 * incoming-call dialog, the call panel (mute, camera off, hang up, timer) and the call's state, for
 * every screen of the signed-in shell.
 */
export function CallProvider({
  orgId,
  userId,
  children,
}: {
  orgId: string;
  userId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<CallState | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const session = useRef<CallSession | null>(null);
  const media = useRef<MediaStream | null>(null);
  const [streams, setStreams] = useState<{ local: MediaStream | null; remote: MediaStream | null }>({
    local: null,
    remote: null,
  });
  // The state as the signal handlers see it between renders (a hang-up may follow a ring at once).
  const current = useRef<CallState | null>(null);
  const put = useCallback((next: CallState | null) => {
    current.current = next;
    setState(next);
  }, []);

  const send = useCallback(
    (info: CallInfo, type: CallSignalType, extra: Record<string, unknown> = {}) =>
      callApi('sendCallSignal', {
        params: { orgId, conversationId: info.conversationId },
        body: { callId: info.id, toUserId: info.peer.id, kind: info.kind, type, ...extra },
      }),
    [orgId],
  );

  const end = useCallback(
    (why: string | null) => {
      session.current?.close();
      session.current = null;
      stopMedia(media.current);
      media.current = null;
      put(null);
      setStreams({ local: null, remote: null });
      setMuted(false);
      setCameraOff(false);
      setNotice(why);
    },
    [put],
  );

  const connect = useCallback(
    async (info: CallInfo, local: MediaStream) => {
      const settings = await callApi('getCallSettings', { params: { orgId } });
      const s = new CallSession(
        settings,
        local,
        (type, extra) => send(info, type, extra),
        () => {
          const st = current.current;
          if (st && st.info.id === info.id && !st.since) put({ ...st, phase: 'active', since: Date.now() });
        },
        () => undefined,
      );
      session.current = s;
      setStreams({ local, remote: s.remote });
      return s;
    },
    [orgId, put, send],
  );

  const hangup = useCallback(() => {
    const st = current.current;
    if (!st) return;
    const answered = st.since !== undefined;
    void send(st.info, 'hangup', {
      callerId: st.info.callerId,
      answered,
      durationS: answered ? Math.round((Date.now() - (st.since ?? Date.now())) / 1000) : 0,
    }).catch(() => undefined);
    end(null);
  }, [end, send]);

  const start = useCallback(
    (conversationId: string, peer: Peer, kind: CallKind) => {
      if (current.current) return;
      const info: CallInfo = { id: crypto.randomUUID(), conversationId, peer, kind, callerId: userId };
      setNotice(null);
      put({ phase: 'outgoing', info });
      void openMedia(kind)
        .then(async (local) => {
          media.current = local;
          setStreams({ local, remote: null });
          await send(info, 'ring');
        })
        .catch(() => end(t('calls.noMedia')));
    },
    [end, put, send, t, userId],
  );

  const accept = useCallback(() => {
    const st = current.current;
    if (st?.phase !== 'incoming') return;
    put({ ...st, phase: 'connecting' });
    void openMedia(st.info.kind)
      .then(async (local) => {
        media.current = local;
        await connect(st.info, local);
        await send(st.info, 'accept');
      })
      .catch(() => {
        void send(st.info, 'decline', { callerId: st.info.callerId }).catch(() => undefined);
        end(t('calls.noMedia'));
      });
  }, [connect, end, put, send, t]);

  const decline = useCallback(() => {
    const st = current.current;
    if (st?.phase !== 'incoming') return;
    void send(st.info, 'decline', { callerId: st.info.callerId }).catch(() => undefined);
    end(null);
  }, [end, send]);

  const receive = useCallback(
    (signal: CallSignal) => {
      const st = current.current;
      if (signal.type === 'ring') {
        const info: CallInfo = {
          id: signal.callId,
          conversationId: signal.conversationId,
          peer: signal.from,
          kind: signal.kind,
          callerId: signal.from.id,
        };
        // Busy: already in a call.
        if (st) void send(info, 'decline', { callerId: info.callerId }).catch(() => undefined);
        else {
          setNotice(null);
          put({ phase: 'incoming', info });
        }
        return;
      }
      if (!st || st.info.id !== signal.callId) return;
      if (signal.type === 'hangup')
        end(st.phase === 'incoming' ? t('calls.missed', { name: st.info.peer.name }) : t('calls.ended'));
      else if (signal.type === 'decline') end(t('calls.declined', { name: st.info.peer.name }));
      else if (signal.type === 'accept' && st.phase === 'outgoing' && media.current) {
        put({ ...st, phase: 'connecting' });
        void connect(st.info, media.current)
          .then((s) => s.offer())
          .catch(() => hangup());
      } else void session.current?.receive(signal).catch(() => undefined);
    },
    [connect, end, hangup, put, send, t],
  );

  // The caller gives up after a while: a missed call.
  useEffect(() => {
    if (state?.phase !== 'outgoing') return;
    const timer = setTimeout(hangup, ringMs);
    return () => clearTimeout(timer);
  }, [state?.phase, hangup]);

  // Hanging up when the page goes away, so the other side is not left in the call.
  useEffect(() => {
    const onUnload = () => {
      if (current.current) hangup();
    };
    window.addEventListener('pagehide', onUnload);
    return () => window.removeEventListener('pagehide', onUnload);
  }, [hangup]);

  const value: Calls = { start, receive, busy: state !== null, notice };
  return (
    <CallContext.Provider value={value}>
      {children}
      {state?.phase === 'incoming' && <IncomingCall state={state} onAccept={accept} onDecline={decline} />}
      {state && state.phase !== 'incoming' && (
        <CallPanel
          state={state}
          local={streams.local}
          remote={streams.remote}
          muted={muted}
          cameraOff={cameraOff}
          onMute={() => {
            for (const tr of media.current?.getAudioTracks() ?? []) tr.enabled = muted;
            setMuted(!muted);
          }}
          onCamera={() => {
            for (const tr of media.current?.getVideoTracks() ?? []) tr.enabled = cameraOff;
            setCameraOff(!cameraOff);
          }}
          onHangup={hangup}
        />
      )}
    </CallContext.Provider>
  );
}

/** The incoming call: an alert dialog that rings; Enter accepts (focused first), Escape declines. */
function IncomingCall({
  state,
  onAccept,
  onDecline,
}: {
  state: CallState;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const { t } = useTranslation();
  const acceptRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    acceptRef.current?.focus();
    return startRinging();
  }, []);
  return (
    <div className="call-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="incoming-call-title"
        aria-describedby="incoming-call-text"
        className="call-incoming"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onDecline();
          }
        }}
      >
        <h2 id="incoming-call-title">
          {state.info.kind === 'video' ? t('calls.incomingVideo') : t('calls.incomingAudio')}
        </h2>
        <p id="incoming-call-text">{t('calls.from', { name: state.info.peer.name })}</p>
        <div className="actions">
          <button ref={acceptRef} type="button" className="call-accept" onClick={onAccept}>
            {t('calls.accept')}
          </button>
          <button type="button" className="secondary danger" onClick={onDecline}>
            {t('calls.decline')}
          </button>
        </div>
      </div>
    </div>
  );
}

function Video({ stream, muted, label }: { stream: MediaStream | null; muted: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && stream && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted={muted} aria-label={label} />;
}

function CallPanel({
  state,
  local,
  remote,
  muted,
  cameraOff,
  onMute,
  onCamera,
  onHangup,
}: {
  state: CallState;
  local: MediaStream | null;
  remote: MediaStream | null;
  muted: boolean;
  cameraOff: boolean;
  onMute: () => void;
  onCamera: () => void;
  onHangup: () => void;
}) {
  const { t } = useTranslation();
  const now = useNow(1_000);
  const seconds = state.since ? Math.max(0, Math.floor((now - state.since) / 1000)) : 0;
  const timer = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  const status =
    state.phase === 'outgoing'
      ? t('calls.calling', { name: state.info.peer.name })
      : state.phase === 'connecting'
        ? t('calls.connecting')
        : t('calls.inCall', { name: state.info.peer.name });
  return (
    <section className="call-panel" aria-label={t('calls.panel')} data-call-phase={state.phase}>
      <p role="status" className="call-status">
        {status}
        {state.phase === 'active' && (
          <>
            {' · '}
            <span role="timer" aria-label={t('calls.duration')} data-testid="call-timer">
              {timer}
            </span>
          </>
        )}
      </p>
      <div className="call-videos">
        <Video stream={remote} muted={false} label={t('calls.remoteVideo', { name: state.info.peer.name })} />
        {state.info.kind === 'video' && <Video stream={local} muted label={t('calls.localVideo')} />}
      </div>
      <div className="actions">
        <button type="button" aria-pressed={muted} onClick={onMute}>
          {muted ? t('calls.unmute') : t('calls.mute')}
        </button>
        {state.info.kind === 'video' && (
          <button type="button" aria-pressed={cameraOff} onClick={onCamera}>
            {cameraOff ? t('calls.cameraOn') : t('calls.cameraOff')}
          </button>
        )}
        <button type="button" className="secondary danger" onClick={onHangup}>
          {t('calls.hangUp')}
        </button>
      </div>
    </section>
  );
}

// One WebRTC call's peer connection: media, offer/answer and ICE candidates as signals through the
// hub. No React here: CallProvider drives it and shows its state.
import type { CallKind, CallSignal, EffectiveCallSettings } from '@crosspoint/protocol';

export type Outgoing = (
  type: 'offer' | 'answer' | 'ice',
  extra: { sdp?: string; candidate?: RTCIceCandidateInit },
) => Promise<unknown>;

/** Asks for the microphone (and camera for a video call). */
export const openMedia = (kind: CallKind): Promise<MediaStream> =>
  navigator.mediaDevices.getUserMedia({ audio: true, video: kind === 'video' });

export class CallSession {
  readonly pc: RTCPeerConnection;
  readonly remote = new MediaStream();
  private readonly pending: RTCIceCandidateInit[] = [];

  constructor(
    settings: EffectiveCallSettings,
    readonly local: MediaStream,
    private readonly send: Outgoing,
    onConnected: () => void,
    onFailed: () => void,
  ) {
    this.pc = new RTCPeerConnection({
      iceServers: settings.iceServers.map((s) => ({
        urls: s.urls,
        ...(s.username !== undefined ? { username: s.username } : {}),
        ...(s.credential !== undefined ? { credential: s.credential } : {}),
      })),
      iceTransportPolicy: settings.iceTransportPolicy,
    });
    for (const track of local.getTracks()) this.pc.addTrack(track, local);
    this.pc.onicecandidate = (e) => {
      const c = e.candidate;
      if (c)
        void this.send('ice', {
          candidate: { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex },
        }).catch(() => undefined);
    };
    this.pc.ontrack = (e) => this.remote.addTrack(e.track);
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === 'connected') onConnected();
      if (this.pc.connectionState === 'failed') onFailed();
    };
    // For browser tests only: the test page opts in before it signs in.
    if (localStorage.getItem('crosspoint.exposePeer') === '1')
      (window as unknown as { crosspointPeer?: RTCPeerConnection }).crosspointPeer = this.pc;
  }

  /** The caller, once the other side accepted. */
  async offer(): Promise<void> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    await this.send('offer', { sdp: offer.sdp ?? '' });
  }

  async receive(signal: CallSignal): Promise<void> {
    if (signal.type === 'offer' && signal.sdp !== undefined) {
      await this.pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
      await this.flush();
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      await this.send('answer', { sdp: answer.sdp ?? '' });
    } else if (signal.type === 'answer' && signal.sdp !== undefined) {
      await this.pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
      await this.flush();
    } else if (signal.type === 'ice' && signal.candidate) {
      const candidate: RTCIceCandidateInit = {
        candidate: signal.candidate.candidate,
        sdpMid: signal.candidate.sdpMid ?? null,
        sdpMLineIndex: signal.candidate.sdpMLineIndex ?? null,
      };
      if (this.pc.remoteDescription) await this.pc.addIceCandidate(candidate);
      else this.pending.push(candidate);
    }
  }

  close(): void {
    this.pc.close();
    stopMedia(this.local);
  }

  private async flush(): Promise<void> {
    for (const c of this.pending.splice(0)) await this.pc.addIceCandidate(c);
  }
}

export const stopMedia = (stream: MediaStream | null): void => {
  for (const t of stream?.getTracks() ?? []) t.stop();
};

/** A soft two-tone ring while a call comes in (silent where audio cannot start). */
export function startRinging(): () => void {
  let context: AudioContext | undefined;
  try {
    context = new AudioContext();
  } catch {
    return () => undefined;
  }
  const audio = context;
  const beep = () => {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    gain.gain.value = 0.05;
    osc.frequency.value = 440;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.frequency.setValueAtTime(480, audio.currentTime + 0.4);
    osc.stop(audio.currentTime + 0.8);
  };
  beep();
  const timer = setInterval(beep, 2_500);
  return () => {
    clearInterval(timer);
    void audio.close().catch(() => undefined);
  };
}

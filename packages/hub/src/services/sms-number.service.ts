import { randomInt, timingSafeEqual } from 'node:crypto';
import type { SmsVerificationStarted } from '@crosspoint/protocol';
import type { SmsSender } from '../adapters/sms.ts';
import type { SmsVerificationRepository } from '../repositories/sms-verification.repository.ts';
import type { UserRepository } from '../repositories/user.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { Actor, Clock } from './context.ts';
import type { MailService } from './mail.service.ts';
import { hashSecret } from './secrets.ts';
import { ServiceError } from './service-error.ts';

export interface SmsVerificationTuning {
  /** How long a texted code is good for. */
  codeTtlMs: number;
  /** Another code for the same person no sooner than this. */
  resendMs: number;
  /** Wrong codes allowed before the code is void. */
  maxTries: number;
}

export const defaultSmsVerificationTuning: SmsVerificationTuning = {
  codeTtlMs: 10 * 60_000,
  resendMs: 30_000,
  maxTries: 5,
};

const codeText: Record<string, (code: string, minutes: number) => string> = {
  en: (c, m) =>
    `Crosspoint: your verification code is ${c}. It expires in ${String(m)} minutes. If you did not ask for it, ignore this message.`,
  de: (c, m) =>
    `Crosspoint: Ihr Bestätigungscode lautet ${c}. Er verfällt in ${String(m)} Minuten. Falls Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht.`,
  fr: (c, m) =>
    `Crosspoint : votre code de vérification est ${c}. Il expire dans ${String(m)} minutes. Si vous ne l’avez pas demandé, ignorez ce message.`,
  it: (c, m) =>
    `Crosspoint: il tuo codice di verifica è ${c}. Scade tra ${String(m)} minuti. Se non l’hai richiesto, ignora questo messaggio.`,
  es: (c, m) =>
    `Crosspoint: su código de verificación es ${c}. Caduca en ${String(m)} minutos. Si no lo ha pedido, ignore este mensaje.`,
  pt: (c, m) =>
    `Crosspoint: seu código de verificação é ${c}. Ele expira em ${String(m)} minutos. Se você não o pediu, ignore esta mensagem.`,
  pl: (c, m) =>
    `Crosspoint: Twój kod weryfikacyjny to ${c}. Wygasa za ${String(m)} min. Jeśli nie prosiłeś o niego, zignoruj tę wiadomość.`,
  zh: (c, m) => `Crosspoint：您的验证码是 ${c}，${String(m)} 分钟内有效。如非本人操作，请忽略此消息。`,
  ko: (c, m) =>
    `Crosspoint: 인증 코드는 ${c}입니다. ${String(m)}분 후 만료됩니다. 요청하지 않으셨다면 이 메시지를 무시하세요.`,
  ja: (c, m) =>
    `Crosspoint: 確認コードは ${c} です。有効期限は ${String(m)} 分です。心当たりがない場合は、このメッセージを無視してください。`,
  ar: (c, m) =>
    `Crosspoint: رمز التحقق الخاص بك هو ${c}. تنتهي صلاحيته خلال ${String(m)} دقيقة. إن لم تطلبه، فتجاهل هذه الرسالة.`,
  ru: (c, m) =>
    `Crosspoint: ваш код подтверждения ${c}. Он действует ${String(m)} мин. Если вы его не запрашивали, проигнорируйте это сообщение.`,
};

/** Last four digits only, for the audit trail. */
const masked = (n: string) => `…${n.slice(-4)}`;

/**
 * A person's SMS number for alerts. A new number takes effect only once its owner types the code
 * texted to it: alerts never go to a mistyped or someone else's number. Until then, a number
 * verified earlier keeps getting the alerts. Codes are 6 digits, kept only as hashes, void after
 * a few wrong tries or ten minutes. Without an SMS provider the code waits in the operator's outbox.
 */
export class SmsNumberService {
  constructor(
    private readonly deps: {
      users: UserRepository;
      verifications: SmsVerificationRepository;
      sms: SmsSender;
      mail: MailService;
      audit: AuditService;
      clock: Clock;
      tuning: SmsVerificationTuning;
    },
  ) {}

  /** The number waiting for its code, if any (for the session view). */
  async pending(userId: string): Promise<{ number: string; expiresAt: string } | null> {
    const p = await this.deps.verifications.pending(userId);
    if (!p || p.expiresAt <= this.deps.clock()) return null;
    return { number: p.number, expiresAt: p.expiresAt.toISOString() };
  }

  /** Texts a code to `number` (null: forget the number and stop SMS alerts). */
  async change(actor: Actor, number: string | null): Promise<SmsVerificationStarted> {
    const user = await this.person(actor);
    const { verifications, audit, clock, tuning } = this.deps;
    if (number === null) {
      await this.deps.users.update(user.id, { smsNumber: null, smsVerifiedAt: null });
      await verifications.remove(user.id);
      await audit.record(actor, { orgId: null, action: 'account.sms_changed', detail: { set: false } });
      return { pending: null };
    }
    if (user.smsNumber === number && user.smsVerifiedAt) {
      await verifications.remove(user.id);
      return { pending: null };
    }
    const now = clock();
    const earlier = await verifications.pending(user.id);
    if (earlier && now.getTime() - earlier.sentAt.getTime() < tuning.resendMs) {
      const wait = Math.ceil((tuning.resendMs - (now.getTime() - earlier.sentAt.getTime())) / 1000);
      throw new ServiceError(
        'RATE_LIMITED',
        `A code was just sent. Ask for another in ${String(wait)} s.`,
        429,
      );
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + tuning.codeTtlMs);
    await verifications.replace({
      userId: user.id,
      number,
      codeHash: hashSecret(`${user.id}:${code}`),
      sentAt: now,
      expiresAt,
    });
    const text =
      (codeText[user.language] ?? codeText.en)?.(code, Math.round(tuning.codeTtlMs / 60_000)) ?? '';
    try {
      if (this.deps.sms.kind === 'none') {
        await this.deps.mail.keep({
          to: number,
          subject: 'SMS verification code (no SMS provider configured)',
          text,
          kind: 'sms_verification',
        });
      } else {
        await this.deps.sms.send({
          to: number,
          text,
          idempotencyKey: `sms-verify-${user.id}-${String(now.getTime())}`,
        });
      }
    } catch (e) {
      await verifications.remove(user.id);
      const why = e instanceof Error ? e.message : String(e);
      throw new ServiceError('SMS_SEND_FAILED', `The code could not be texted to ${number}: ${why}`, 502);
    }
    await audit.record(actor, {
      orgId: null,
      action: 'account.sms_code_sent',
      detail: { number: masked(number) },
    });
    return {
      pending: {
        number,
        expiresAt: expiresAt.toISOString(),
        resendAfter: new Date(now.getTime() + tuning.resendMs).toISOString(),
      },
    };
  }

  /** Checks the code; on success the number is the one SMS alerts go to from now on. */
  async verify(actor: Actor, code: string): Promise<{ smsNumber: string }> {
    const user = await this.person(actor);
    const { verifications, audit, clock, tuning } = this.deps;
    const p = await verifications.pending(user.id);
    const invalid = (message: string) =>
      ServiceError.invalid('SMS_CODE_INVALID', message, [{ path: '/body/code', message }]);
    if (!p) throw invalid('No code is waiting: enter the number again to get one.');
    if (p.expiresAt <= clock()) {
      await verifications.remove(user.id);
      throw invalid('The code has expired: ask for a new one.');
    }
    const given = Buffer.from(hashSecret(`${user.id}:${code}`));
    if (!timingSafeEqual(given, Buffer.from(p.codeHash))) {
      const tries = (await verifications.countWrongTry(user.id)) ?? tuning.maxTries;
      if (tries >= tuning.maxTries) {
        await verifications.remove(user.id);
        await audit.record(actor, {
          orgId: null,
          action: 'account.sms_code_voided',
          detail: { number: masked(p.number), tries },
        });
        throw invalid('Too many wrong codes: ask for a new one.');
      }
      const left = tuning.maxTries - tries;
      throw invalid(`That is not the code we sent. ${String(left)} ${left === 1 ? 'try' : 'tries'} left.`);
    }
    await this.deps.users.update(user.id, { smsNumber: p.number, smsVerifiedAt: clock() });
    await verifications.remove(user.id);
    await audit.record(actor, {
      orgId: null,
      action: 'account.sms_changed',
      detail: { set: true, verified: true, number: masked(p.number) },
    });
    return { smsNumber: p.number };
  }

  private async person(actor: Actor) {
    if (!actor.userId) throw ServiceError.forbidden('Only people have an SMS number.');
    const user = await this.deps.users.byId(actor.userId);
    if (!user) throw ServiceError.notFound('The user');
    return user;
  }
}

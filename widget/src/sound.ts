type AudioContextCtor = new () => AudioContext;

/**
 * A short two-tone beep through WebAudio. Browsers only let a page start audio after a user gesture, so
 * {@link unlock} is called on the first click or key press inside the widget; before that, {@link beep} is silent.
 */
export class Beeper {
  private context: AudioContext | null = null;

  constructor(private readonly win: Window) {}

  unlock(): void {
    if (this.context) {
      if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
      return;
    }
    const w = this.win as unknown as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor };
    const Ctor = w.AudioContext ?? w.webkitAudioContext;
    if (!Ctor) return;
    try {
      this.context = new Ctor();
    } catch {
      this.context = null;
    }
  }

  beep(): void {
    const ctx = this.context;
    if (!ctx || ctx.state !== 'running') return;
    try {
      const start = ctx.currentTime;
      const gain = ctx.createGain();
      gain.connect(ctx.destination);
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.32);
      [880, 1320].forEach((frequency, i) => {
        const osc = ctx.createOscillator();
        osc.type = 'sine';
        osc.frequency.setValueAtTime(frequency, start + i * 0.12);
        osc.connect(gain);
        osc.start(start + i * 0.12);
        osc.stop(start + i * 0.12 + 0.18);
      });
    } catch {
      // audio is a nicety
    }
  }
}

/** A short vibration where the device supports it (phones); nothing elsewhere. */
export function vibrate(nav: Navigator): void {
  try {
    if (typeof nav.vibrate === 'function') nav.vibrate(150);
  } catch {
    // ignore
  }
}

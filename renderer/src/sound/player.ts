import { soundSpecs, type SoundName } from './specs';

/** Plays the answer sounds. Tests hand in a recorder instead. */
export interface SoundPlayer {
  play(name: SoundName): void;
}

const masterVolume = 0.6;
/** A few ms of fade at each end: a tone cut off square clicks. */
const rampS = 0.005;

/**
 * WebAudio tones, generated: no files, no network. The AudioContext is made on the first sound,
 * which always follows a key press (a scan) or a click, so the browser's autoplay rule allows it.
 */
export function createWebAudioPlayer(): SoundPlayer {
  let context: AudioContext | null = null;

  function contextNow(): AudioContext | null {
    if (!context) {
      if (typeof AudioContext === 'undefined') return null;
      try {
        context = new AudioContext();
      } catch {
        return null;
      }
    }
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    return context;
  }

  return {
    play(name) {
      const ctx = contextNow();
      if (!ctx) return;
      const start = ctx.currentTime + 0.01;
      for (const tone of soundSpecs[name]) {
        const oscillator = ctx.createOscillator();
        const gain = ctx.createGain();
        oscillator.type = tone.wave;
        oscillator.frequency.value = tone.frequency;
        const at = start + tone.startMs / 1000;
        const end = at + tone.durationMs / 1000;
        const peak = tone.gain * masterVolume;
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(peak, at + rampS);
        gain.gain.setValueAtTime(peak, Math.max(at + rampS, end - rampS));
        gain.gain.linearRampToValueAtTime(0, end);
        oscillator.connect(gain).connect(ctx.destination);
        oscillator.start(at);
        oscillator.stop(end + 0.01);
      }
    },
  };
}

import { create } from 'zustand';

interface BannerState {
  /** A problem no single form owns (main unreachable, the clinic's file unavailable). */
  banner: string | null;
  show(text: string): void;
  dismiss(): void;
}

/** The one message at the top of the window. */
export const useBanner = create<BannerState>()((set) => ({
  banner: null,
  show: (banner) => set({ banner }),
  dismiss: () => set({ banner: null }),
}));

import { create } from 'zustand';

type SignedOutView = 'sign-in' | 'register';
export type ClinicPage = 'home' | 'users' | 'subscription' | 'settings' | 'account';

interface NavigationState {
  signedOutView: SignedOutView;
  page: ClinicPage;
  showSignedOut(view: SignedOutView): void;
  showPage(page: ClinicPage): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  signedOutView: 'sign-in',
  page: 'home',
  showSignedOut: (signedOutView) => set({ signedOutView }),
  showPage: (page) => set({ page }),
}));

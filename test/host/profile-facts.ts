// What the TypeScript side needs of each device profile (the full profiles, with their sources, are in
// shims/lib/profiles.mjs; a test checks the two agree).
export type ProfileName = '910b4' | '910b3' | '310p3' | '300i-duo' | 'a3';

export interface ProfileFacts { driver: string; firmware: string; cann: string; logicCount: number; chip: string }

export const PROFILE_FACTS: Record<ProfileName, ProfileFacts> = {
  '910b4': { driver: '25.0.rc1.1', firmware: '7.7.0.1.231', cann: '9.1.0', logicCount: 8, chip: '910B4' },
  '910b3': { driver: '25.0.rc1.1', firmware: '7.7.0.1.231', cann: '8.3.RC2', logicCount: 8, chip: '910B3' },
  '310p3': { driver: '25.5.2', firmware: '7.7.0.1.231', cann: '8.3.RC2', logicCount: 2, chip: '310P3' },
  '300i-duo': { driver: '25.5.2', firmware: '7.7.0.1.231', cann: '8.3.RC2', logicCount: 2, chip: '310P3' },
  a3: { driver: '25.2.0', firmware: '7.7.0.1.231', cann: '8.3.RC2', logicCount: 16, chip: 'A3' },
};

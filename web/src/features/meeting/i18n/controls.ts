// Texts of the in-meeting toolbar (microphone, camera, devices, screen sharing, hand, speaker), keyboard shortcuts.
// Vietnamese is the reference; the English catalogue must have exactly the same keys (compiler).
export const controlsVi = {
};

export const controlsEn: Readonly<Record<keyof typeof controlsVi, string>> = {
};

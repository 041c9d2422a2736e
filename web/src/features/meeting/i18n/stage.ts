// Texts of the stage (layouts, pinning, pages, tiles, connection quality).
// Vietnamese is the reference; the English catalogue must have exactly the same keys (compiler).
export const stageVi = {
};

export const stageEn: Readonly<Record<keyof typeof stageVi, string>> = {
};

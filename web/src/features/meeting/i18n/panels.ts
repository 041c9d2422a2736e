// Texts of the side panels (chat, participants, chair menu, lobby, room settings, rename).
// Vietnamese is the reference; the English catalogue must have exactly the same keys (compiler).
export const panelsVi = {
};

export const panelsEn: Readonly<Record<keyof typeof panelsVi, string>> = {
};

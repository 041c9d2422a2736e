// Texts of the home page's room creation and the list of the user's rooms.
// Vietnamese is the reference; the English catalogue must have exactly the same keys (compiler).
export const homeVi = {
};

export const homeEn: Readonly<Record<keyof typeof homeVi, string>> = {
};

/** The side panel open beside the stage: the chat or the participant list (one at a time). */
export type SidePanelName = 'chat' | 'people';

/**
 * Asks for a reason in WeChat's editable dialog (拒绝 / 隐藏 / 取消活动): the person it concerns will
 * read it. Resolves with the trimmed reason, or null when they back out; one shorter than the
 * functions' minimum of 2 characters is not sent, and `tooShort` says why (a toast, unless the
 * caller shows it itself with `onTooShort`).
 */
export interface ReasonPrompt {
  title: string;
  placeholder: string;
  confirmText: string;
  cancelText?: string;
  tooShort: string;
  onTooShort?(message: string): void;
}

export function askReason(prompt: ReasonPrompt): Promise<string | null> {
  return new Promise((resolve) => {
    wx.showModal({
      title: prompt.title,
      editable: true,
      placeholderText: prompt.placeholder,
      confirmText: prompt.confirmText,
      cancelText: prompt.cancelText || '取消',
      success: (res) => {
        if (!res.confirm) return resolve(null);
        const reason = (res.content || '').trim();
        if (reason.length >= 2) return resolve(reason);
        if (prompt.onTooShort) prompt.onTooShort(prompt.tooShort);
        else wx.showToast({ title: prompt.tooShort, icon: 'none' });
        resolve(null);
      },
      fail: () => resolve(null),
    });
  });
}

import { Directive, ElementRef, inject } from '@angular/core';

/**
 * Spreadsheet keys for a table of inputs (`<table tsGridNav>`, each input with `data-row` and `data-col`): arrow up
 * and down move between rows, left and right between columns once the caret is at the edge of the text, Enter moves
 * down. Tab keeps its usual order (row by row). The cell moved to has its text selected, so typing replaces it.
 */
@Directive({
  selector: 'table[tsGridNav]',
  host: { '(keydown)': 'onKeydown($event)' },
})
export class GridNav {
  private readonly table = inject<ElementRef<HTMLTableElement>>(ElementRef).nativeElement;

  onKeydown(ev: KeyboardEvent): void {
    const input = ev.target;
    if (!(input instanceof HTMLInputElement) || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const row = Number(input.dataset['row']);
    const col = Number(input.dataset['col']);
    if (!Number.isInteger(row) || !Number.isInteger(col)) return;
    const text = input.value.length;
    const caret = { start: input.selectionStart ?? 0, end: input.selectionEnd ?? text };
    const whole = caret.start === 0 && caret.end === text;
    let to: [number, number] | null = null;
    if (ev.key === 'ArrowUp') to = [row - 1, col];
    else if (ev.key === 'ArrowDown' || (ev.key === 'Enter' && !ev.shiftKey)) to = [row + 1, col];
    else if (ev.key === 'Enter' && ev.shiftKey) to = [row - 1, col];
    else if (ev.key === 'ArrowLeft' && (whole || caret.end === 0)) to = [row, col - 1];
    else if (ev.key === 'ArrowRight' && (whole || caret.start === text)) to = [row, col + 1];
    if (!to) return;
    const target = this.table.querySelector<HTMLInputElement>(`input[data-row="${to[0]}"][data-col="${to[1]}"]`);
    if (!target) return;
    ev.preventDefault();
    target.focus();
    target.select();
  }
}

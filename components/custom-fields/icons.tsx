// Small inline icons for the row controls; decorative (each button carries its own label).
import type { ReactNode } from "react";

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {children}
    </svg>
  );
}

export const ArrowUpIcon = () => (
  <Icon>
    <path d="M10 16V4M5 9l5-5 5 5" />
  </Icon>
);

export const ArrowDownIcon = () => (
  <Icon>
    <path d="M10 4v12M5 11l5 5 5-5" />
  </Icon>
);

export const NestIcon = () => (
  <Icon>
    <path d="M4 4v6a2 2 0 0 0 2 2h10M12 8l4 4-4 4" />
  </Icon>
);

export const UnnestIcon = () => (
  <Icon>
    <path d="M16 16h-6a2 2 0 0 1-2-2V4M4 8l4-4 4 4" />
  </Icon>
);

export const RemoveIcon = () => (
  <Icon>
    <path d="M5 5l10 10M15 5L5 15" />
  </Icon>
);

export const ChevronIcon = ({ open }: { open: boolean }) => (
  <Icon>
    <path d={open ? "M5 8l5 5 5-5" : "M8 5l5 5-5 5"} />
  </Icon>
);

export const GripIcon = () => (
  <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" width="16" height="16" fill="currentColor">
    {[6, 10, 14].flatMap((y) => [7, 13].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.4" />))}
  </svg>
);

import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

interface ButtonProps {
  children: ReactNode;
  onClick?: () => void;
  /** Primary buttons are the big everyday ones (at least 64 px tall); the rest are at least 48 px. */
  size?: 'primary' | 'secondary';
  tone?: 'neutral' | 'accent' | 'danger' | 'quiet';
  icon?: IconName;
  type?: 'button' | 'submit';
  disabled?: boolean;
  testId?: string;
}

export function Button({ children, onClick, size = 'secondary', tone = 'neutral', icon, type = 'button', disabled, testId }: ButtonProps) {
  return (
    <button
      type={type}
      className={`btn btn--${size} btn--${tone}`}
      data-size={size}
      data-testid={testId}
      disabled={disabled}
      onClick={(event) => {
        // A button must not keep focus: a scanner's trailing Enter would press it again.
        event.currentTarget.blur();
        onClick?.();
      }}
    >
      {icon && <Icon name={icon} />}
      <span>{children}</span>
    </button>
  );
}

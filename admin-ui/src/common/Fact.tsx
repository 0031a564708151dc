/** A labelled value, and a grid that lays them out in as many columns as fit. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div" sx={{ overflowWrap: 'anywhere' }}>
        {children ?? '—'}
      </Typography>
    </Box>
  );
}

export function FactGrid({ children, minColumnWidth = 200 }: { children: ReactNode; minColumnWidth?: number }) {
  return (
    <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: `repeat(auto-fill, minmax(${minColumnWidth}px, 1fr))` }}>
      {children}
    </Box>
  );
}

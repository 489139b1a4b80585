"""Names of matplotlib.pyplot functions that `from brian_cg import *` provides, as Brian's pylab import does.

Listed here so that the names exist without importing matplotlib (which costs ~0.5 s).
"""
PYPLOT_FUNCTIONS = (
    'acorr', 'angle_spectrum', 'annotate', 'arrow', 'autoscale', 'autumn', 'axes', 'axhline',
    'axhspan', 'axis', 'axline', 'axvline', 'axvspan', 'bar', 'bar_label', 'barbs', 'barh',
    'bone', 'box', 'boxplot', 'broken_barh', 'cla', 'clabel', 'clf', 'clim', 'close', 'cohere',
    'colorbar', 'connect', 'contour', 'contourf', 'cool', 'copper', 'csd', 'delaxes',
    'disconnect', 'draw', 'draw_if_interactive', 'ecdf', 'errorbar', 'eventplot', 'figimage',
    'figlegend', 'fignum_exists', 'figtext', 'figure', 'fill', 'fill_between', 'fill_betweenx',
    'findobj', 'flag', 'gca', 'gcf', 'gci', 'get', 'get_cmap', 'get_current_fig_manager',
    'get_figlabels', 'get_fignums', 'get_plot_commands', 'getp', 'ginput', 'gray', 'grid',
    'grouped_bar', 'hexbin', 'hist', 'hist2d', 'hlines', 'hot', 'hsv', 'imread', 'imsave',
    'imshow', 'inferno', 'install_repl_displayhook', 'ioff', 'ion', 'isinteractive', 'jet',
    'legend', 'locator_params', 'loglog', 'magma', 'magnitude_spectrum', 'margins', 'matshow',
    'minorticks_off', 'minorticks_on', 'new_figure_manager', 'nipy_spectral', 'pause', 'pcolor',
    'pcolormesh', 'phase_spectrum', 'pie', 'pie_label', 'pink', 'plasma', 'plot', 'polar',
    'prism', 'psd', 'quiver', 'quiverkey', 'rc', 'rc_context', 'rcdefaults', 'rgrids',
    'savefig', 'sca', 'scatter', 'sci', 'semilogx', 'semilogy', 'set_cmap', 'set_loglevel',
    'setp', 'show', 'specgram', 'spring', 'spy', 'stackplot', 'stairs', 'stem', 'step',
    'streamplot', 'subplot', 'subplot2grid', 'subplot_mosaic', 'subplot_tool', 'subplots',
    'subplots_adjust', 'summer', 'suptitle', 'switch_backend', 'table', 'text', 'thetagrids',
    'tick_params', 'ticklabel_format', 'tight_layout', 'title', 'tricontour', 'tricontourf',
    'tripcolor', 'triplot', 'twinx', 'twiny', 'uninstall_repl_displayhook', 'violinplot',
    'viridis', 'vlines', 'waitforbuttonpress', 'winter', 'xcorr', 'xkcd', 'xlabel', 'xlim',
    'xscale', 'xticks', 'ylabel', 'ylim', 'yscale', 'yticks',
)
